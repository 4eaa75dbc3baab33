package io.tripwire.console.pages;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateData;
import io.tripwire.console.upstream.UpstreamResponse;
import io.tripwire.console.web.Json;
import java.util.List;

/** The gateway's {@code GET /api/v1/status} (what {@code make status} prints), section by section. */
@TemplateData
public record StatusView(String problem, String generatedAt, String tradingMode, List<Json.Field> breaker,
                         List<Json.Field> killSwitch, List<Json.Field> reconciliation, List<Json.Field> pnl,
                         Json.Table positions, Json.Table openOrders, List<Json.Field> errors) {

    public static StatusView of(UpstreamResponse status) {
        if (!status.ok()) {
            Json.Table none = Json.table(null);
            return new StatusView("Status unavailable: " + status.problem(), "", "", List.of(), List.of(), List.of(),
                    List.of(), none, none, List.of());
        }
        JsonNode s = status.body();
        return new StatusView(null, Json.text(s, "generated_at"), Json.text(s, "trading_mode"),
                Json.fields(s.path("breaker")), Json.fields(s.path("kill_switch")), Json.fields(s.path("reconciliation")),
                Json.fields(s.path("pnl")),
                Json.table(s.path("positions"), "symbol", "qty", "avg_entry_price", "current_price", "unrealized_pnl"),
                Json.table(s.path("open_orders"), "id", "client_order_id", "symbol", "side", "type", "qty", "limit_price",
                        "status", "filled_qty", "created_at"),
                Json.fields(s.path("errors")));
    }
}

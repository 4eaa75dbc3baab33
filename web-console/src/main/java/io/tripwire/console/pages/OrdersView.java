package io.tripwire.console.pages;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateData;
import io.tripwire.console.upstream.UpstreamResponse;
import io.tripwire.console.web.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Orders & positions: the gateway's newest orders (status, why refused, filled), the venue's positions with
 * unrealized P&L, and the account P&L of the status. Each part says why when it could not be read.
 */
@TemplateData
public record OrdersView(String ordersProblem, List<OrderRow> orders, String positionsProblem, Json.Table positions,
                         String pnlProblem, List<Json.Field> pnl) {

    static final int SHOWN = 100;

    /** One order; {@code reason} is the reject code and message (empty when admitted). */
    @TemplateData
    public record OrderRow(String id, String clientOrderId, String createdAt, String symbol, String side, String type,
                           String qty, String limitPrice, String status, String filledQty, String avgFillPrice,
                           String reason) {
    }

    public static OrdersView of(UpstreamResponse orders, UpstreamResponse positions, UpstreamResponse status) {
        List<OrderRow> rows = new ArrayList<>();
        for (JsonNode o : orders.ok() ? orders.body() : Json.EMPTY) {
            if (rows.size() == SHOWN) {
                break;
            }
            String code = Json.text(o, "reject_code");
            String message = Json.text(o, "reject_message");
            rows.add(new OrderRow(Json.text(o, "id"), Json.text(o, "client_order_id"), Json.text(o, "created_at"),
                    Json.text(o, "symbol"), Json.text(o, "side"), Json.text(o, "type"), Json.text(o, "qty"),
                    Json.text(o, "limit_price"), Json.text(o, "status"), Json.text(o, "filled_qty"),
                    Json.text(o, "avg_fill_price"), code.isEmpty() ? message : message.isEmpty() ? code : code + ": " + message));
        }
        return new OrdersView(orders.ok() ? null : "Orders unavailable: " + orders.problem(), rows,
                positions.ok() ? null : "Positions unavailable: " + positions.problem(),
                Json.table(positions.ok() ? positions.body() : null, "symbol", "qty", "avg_entry_price", "current_price",
                        "unrealized_pnl"),
                status.ok() ? null : "P&L unavailable: " + status.problem(), Json.fields(status.body().path("pnl")));
    }
}

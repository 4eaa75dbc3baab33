package io.tripwire.console.pages;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateData;
import io.tripwire.console.upstream.UpstreamResponse;
import io.tripwire.console.web.Json;

/**
 * The kill switch and its flatten progress: positions the venue still reports (non-zero quantity) and
 * working orders, both from the gateway's status.
 */
@TemplateData
public record KillSwitchView(String problem, boolean active, String mode, String reason, String activatedBy,
                             String activatedAt, String flat, int positionsLeft, int workingOrders, String progressProblem,
                             Json.Table positions) {

    public boolean known() {
        return problem == null;
    }

    public boolean closing() {
        return active && "CLOSE_POSITIONS".equals(mode);
    }

    public String colour() {
        return problem != null ? "grey" : active ? "red" : "green";
    }

    public static KillSwitchView of(UpstreamResponse killSwitch, UpstreamResponse status) {
        JsonNode s = status.body();
        int positions = 0;
        for (JsonNode p : s.path("positions")) {
            if (p.path("qty").asDouble(0) != 0) {
                positions++;
            }
        }
        int working = s.path("open_orders").size();
        String progressProblem = status.ok() ? null : "Flatten progress unavailable: " + status.problem();
        Json.Table table = Json.table(s.path("positions"), "symbol", "qty", "avg_entry_price", "current_price", "unrealized_pnl");
        JsonNode k = killSwitch.body();
        if (!killSwitch.ok()) {
            return new KillSwitchView("Kill switch state unavailable: " + killSwitch.problem(), false, "", "", "", "", "",
                    positions, working, progressProblem, table);
        }
        if (!k.path("available").asBoolean(true)) {
            return new KillSwitchView("The gateway cannot read the kill switch (" + Json.text(k, "unavailable_reason")
                    + "): no order is admitted.", false, "", "", "", "", "", positions, working, progressProblem, table);
        }
        return new KillSwitchView(null, k.path("active").asBoolean(false), Json.text(k, "mode"), Json.text(k, "reason"),
                Json.text(k, "activated_by"), Json.text(k, "activated_at"), Json.text(k, "flat"), positions, working,
                progressProblem, table);
    }
}

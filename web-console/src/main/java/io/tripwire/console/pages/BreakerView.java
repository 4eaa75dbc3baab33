package io.tripwire.console.pages;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateData;
import io.tripwire.console.upstream.UpstreamResponse;
import io.tripwire.console.web.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The breaker as the Circuit Breaker page shows it: state, why it tripped, the quiet-period countdown, history. */
@TemplateData
public record BreakerView(String state, String effectiveStatus, String problem, String tripReason, String tripMessage,
                          String trippedAt, String trippedBy, List<Json.Field> tripDetails, String resetAt, String resetBy,
                          String quietUntil, long quietSecondsLeft, String tripCountToday, String stalenessSeconds,
                          Json.Table history, String historyProblem) {

    public boolean tripped() {
        return "TRIPPED".equals(state);
    }

    public boolean quiet() {
        return "QUIET_PERIOD".equals(state);
    }

    public boolean known() {
        return problem == null;
    }

    public String colour() {
        return switch (state) {
            case "OPEN" -> "green";
            case "QUIET_PERIOD" -> "yellow";
            case "TRIPPED" -> "red";
            default -> "grey";
        };
    }

    public static BreakerView of(UpstreamResponse breaker, UpstreamResponse history, Instant now) {
        Json.Table entries = Json.table(history.body().path("entries"), "tripped_at", "reason", "message", "tripped_by",
                "reset_at", "reset_by", "reset_reason");
        String historyProblem = history.ok() ? null : "History unavailable: " + history.problem();
        if (!breaker.ok()) {
            return new BreakerView("UNKNOWN", "UNKNOWN", "Breaker state unavailable: " + breaker.problem(), "", "", "", "",
                    List.of(), "", "", "", 0, "", "", entries, historyProblem);
        }
        JsonNode b = breaker.body();
        JsonNode details = b.path("trip_details");
        String state = Json.text(b, "state").isEmpty() ? "UNAVAILABLE" : Json.text(b, "state");
        String problem = "UNAVAILABLE".equals(Json.text(b, "effective_status"))
                ? "The gateway cannot read the breaker (" + Json.text(b, "unavailable_reason") + "): no order is admitted."
                : null;
        return new BreakerView(state, Json.text(b, "effective_status"), problem, Json.text(b, "trip_reason"),
                Json.text(details, "message"), Json.text(b, "tripped_at"), Json.text(details, "tripped_by"),
                Json.fields(details), Json.text(b, "reset_at"), Json.text(b, "reset_by"), Json.text(b, "quiet_until"),
                secondsUntil(Json.text(b, "quiet_until"), now), Json.text(b, "trip_count_today"),
                Json.text(b, "staleness_seconds"), entries, historyProblem);
    }

    private static long secondsUntil(String instant, Instant now) {
        if (instant.isEmpty()) {
            return 0;
        }
        try {
            return Math.max(0, (Duration.between(now, Instant.parse(instant)).toMillis() + 999) / 1000);
        } catch (DateTimeParseException e) {
            return 0;
        }
    }
}

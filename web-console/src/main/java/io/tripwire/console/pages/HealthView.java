package io.tripwire.console.pages;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateData;
import io.tripwire.console.web.Json;
import java.util.ArrayList;
import java.util.List;

/** The health summary as the System Health page shows it (seed 003 status indicators). */
@TemplateData
public record HealthView(String overall, String overallColour, boolean stale, String generatedAt, String warning,
                         List<Component> components) {

    /** One component row. */
    @TemplateData
    public record Component(String name, String kind, String status, String colour, String latency, String message,
                            String error, String age, boolean stale) {
    }

    /**
     * Green healthy, yellow degraded, red unhealthy, grey stale or unknown; a summary the console could not
     * fetch fresh ({@code forceStale}) shows every component grey.
     */
    public static HealthView of(JsonNode summary, boolean forceStale, String warning) {
        List<Component> components = new ArrayList<>();
        for (JsonNode c : summary.path("components")) {
            boolean stale = forceStale || c.path("stale").asBoolean(false);
            String status = Json.text(c, "status");
            String latency = c.path("latency_ms").isNumber() ? c.path("latency_ms").asLong() + " ms" : "–";
            String age = c.path("age_ms").isNumber() ? age(c.path("age_ms").asLong()) : "never checked";
            components.add(new Component(Json.text(c, "name"), Json.text(c, "kind"), status.isEmpty() ? "UNKNOWN" : status,
                    colour(status, stale), latency, Json.text(c, "message"), Json.text(c, "error"), age, stale));
        }
        String overall = Json.text(summary, "status");
        boolean stale = forceStale || summary.path("stale").asBoolean(false);
        return new HealthView(overall.isEmpty() ? "UNKNOWN" : overall, colour(overall, stale), stale,
                Json.text(summary, "generated_at"), warning, components);
    }

    public static HealthView unavailable(String warning) {
        return new HealthView("UNKNOWN", "grey", true, "", warning, List.of());
    }

    static String colour(String status, boolean stale) {
        if (stale) {
            return "grey";
        }
        return switch (status) {
            case "HEALTHY" -> "green";
            case "DEGRADED" -> "yellow";
            case "UNHEALTHY" -> "red";
            default -> "grey";
        };
    }

    static String age(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        long seconds = millis / 1000;
        return seconds < 120 ? seconds + " s" : (seconds / 60) + " min";
    }
}

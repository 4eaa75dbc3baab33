package io.tripwire.healthmonitor.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * The health summary: {@code status} UNHEALTHY if any component is (fresh or stale), else DEGRADED if any is
 * degraded, stale or unknown, else HEALTHY; UNKNOWN while no component was checked yet. {@code stale} = at least
 * one component is shown from an earlier poll.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record HealthSummary(String status, boolean stale, Instant generatedAt, long pollIntervalMs,
                            List<ComponentView> components) {

    static String overall(List<ComponentView> components) {
        boolean anyChecked = components.stream().anyMatch(c -> c.lastCheck() != null);
        if (!anyChecked) {
            return "UNKNOWN";
        }
        if (components.stream().anyMatch(c -> "UNHEALTHY".equals(c.status()))) {
            return "UNHEALTHY";
        }
        boolean notGreen = components.stream().anyMatch(c -> c.stale() || !"HEALTHY".equals(c.status()));
        return notGreen ? "DEGRADED" : "HEALTHY";
    }
}

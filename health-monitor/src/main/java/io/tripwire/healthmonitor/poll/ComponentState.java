package io.tripwire.healthmonitor.poll;

import io.tripwire.healthmonitor.check.ComponentStatus;
import io.tripwire.healthmonitor.check.Observation;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What the monitor knows about one component: the last completed check (status, latency, message, when) and
 * the polls that failed since. A failed poll never changes the status: it makes the last known one stale.
 *
 * @param lastCheck   when the last check completed; null = never (status UNKNOWN)
 * @param failedPolls consecutive polls since then that could not complete the check
 */
public record ComponentState(String name, String kind, ComponentStatus status, Long latencyMs, Instant lastCheck,
                             String message, Map<String, Object> details, Instant lastAttempt, String lastError,
                             int failedPolls) {

    public ComponentState {
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public static ComponentState unknown(String name, String kind) {
        return new ComponentState(name, kind, ComponentStatus.UNKNOWN, null, null, "not checked yet", Map.of(),
                null, null, 0);
    }

    ComponentState checked(Observation observation, Instant at) {
        return new ComponentState(name, kind, observation.status(), observation.latencyMs(), at, observation.message(),
                observation.details(), at, null, 0);
    }

    ComponentState failed(String error, Instant at) {
        return new ComponentState(name, kind, status, latencyMs, lastCheck, message, details, at, error, failedPolls + 1);
    }

    /** Last known status served from an earlier poll: the last poll failed, or no check completed for too long. */
    public boolean stale(Instant now, Duration staleAfter) {
        return lastCheck != null && (failedPolls > 0 || Duration.between(lastCheck, now).compareTo(staleAfter) > 0);
    }

    /** Age of the data shown, in ms; null when never checked. */
    public Long ageMs(Instant now) {
        return lastCheck == null ? null : Math.max(0, Duration.between(lastCheck, now).toMillis());
    }

    /** {@code health_component_status}: 0 healthy, 1 degraded, 2 unhealthy, 3 unknown or stale. */
    public int metricValue(Instant now, Duration staleAfter) {
        return stale(now, staleAfter) ? ComponentStatus.UNKNOWN.metricValue() : status.metricValue();
    }
}

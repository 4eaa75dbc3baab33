package io.tripwire.healthmonitor.check;

import java.util.Map;
import java.util.Objects;

/**
 * What one completed check found: a verdict about the component (a refused connection is a verdict: UNHEALTHY).
 * A check that cannot find out fails its Uni instead, and the monitor serves the last known status as stale.
 *
 * @param latencyMs time of the probe itself (HTTP readiness, PING, SELECT 1), null where nothing was timed
 */
public record Observation(ComponentStatus status, Long latencyMs, String message, Map<String, Object> details) {

    public Observation {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public static Observation of(ComponentStatus status, Long latencyMs, String message) {
        return new Observation(status, latencyMs, message, Map.of());
    }

    /** The worse of this status and a latency verdict: slower than {@code degradedMs} is at least DEGRADED. */
    public static ComponentStatus slowIsDegraded(ComponentStatus status, long latencyMs, long degradedMs) {
        return latencyMs > degradedMs ? status.worse(ComponentStatus.DEGRADED) : status;
    }
}

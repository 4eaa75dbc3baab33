package io.tripwire.healthmonitor.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.tripwire.healthmonitor.poll.ComponentState;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One component in the summary. {@code status} is the last known one; {@code stale} = it comes from an earlier
 * poll (the last poll failed, see {@code error}) and {@code age_ms} says how old it is. Never checked: UNKNOWN.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ComponentView(String name, String kind, String status, boolean stale, Long ageMs, Long latencyMs,
                            Instant lastCheck, Instant lastAttempt, String message, String error,
                            Map<String, Object> details) {

    static ComponentView of(ComponentState state, Instant now, Duration staleAfter) {
        boolean stale = state.stale(now, staleAfter);
        String error = state.lastError();
        if (error == null && stale) {
            error = "no completed check for " + state.ageMs(now) + " ms";
        }
        return new ComponentView(state.name(), state.kind(), state.status().name(), stale, state.ageMs(now),
                state.latencyMs(), state.lastCheck(), state.lastAttempt(), state.message(), error, state.details());
    }
}

package io.tripwire.gateway.breaker;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.tripwire.controlplane.state.BreakerState;
import io.tripwire.controlplane.state.ControlRead;
import java.time.Instant;
import java.util.Map;

/**
 * The breaker as the API shows it. {@code effective_status} is what admission applies now:
 * {@code UNAVAILABLE} when the state cannot be read (no order is admitted then), {@code OPEN} for a
 * quiet period whose end has passed but is not yet written.
 *
 * @param stalenessSeconds age of the last successful read by this gateway's 1 s probe
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record BreakerView(String state, String effectiveStatus, String unavailableReason, Instant trippedAt,
                          String tripReason, Map<String, Object> tripDetails, Instant resetAt, String resetBy,
                          Instant quietUntil, Integer tripCountToday, Long version, double stalenessSeconds,
                          Instant lastVerifiedAt) {

    public static final String UNAVAILABLE = "UNAVAILABLE";

    public static BreakerView of(ControlRead<BreakerState> read, Instant now, BreakerMetrics metrics) {
        if (read instanceof ControlRead.Present<BreakerState>(BreakerState s)) {
            return of(s, now, metrics);
        }
        var unavailable = (ControlRead.Unavailable<BreakerState>) read;
        return new BreakerView(null, UNAVAILABLE, unavailable.cause() + ": " + unavailable.detail(), null, null, null,
                null, null, null, null, null, metrics.stalenessSeconds(), metrics.lastGoodRead());
    }

    public static BreakerView of(BreakerState s, Instant now, BreakerMetrics metrics) {
        return new BreakerView(s.state().name(), s.effectiveStatus(now).name(), null, s.trippedAt(), s.tripReason(),
                s.tripDetails(), s.resetAt(), s.resetBy(), s.quietUntil(), s.tripCountToday(), s.version(),
                metrics.stalenessSeconds(), metrics.lastGoodRead());
    }
}

package io.tripwire.controlplane.state;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** Value of {@code circuit_breaker:state} (DESIGN.md §3). */
public record BreakerState(
        BreakerStatus state,
        Instant trippedAt,
        String tripReason,
        Map<String, Object> tripDetails,
        Instant resetAt,
        String resetBy,
        Instant quietUntil,
        int tripCountToday,
        long version) implements ControlValue {

    public BreakerState {
        Objects.requireNonNull(state, "state");
        tripDetails = tripDetails == null ? null : Map.copyOf(tripDetails);
    }

    /** The state a brand-new installation starts in. */
    public static BreakerState initial() {
        return new BreakerState(BreakerStatus.OPEN, null, null, null, null, null, null, 0, 1);
    }

    public BreakerState tripped(String reason, Map<String, Object> details, Instant at) {
        Instant previous = trippedAt != null ? trippedAt : resetAt;
        boolean sameDay = previous != null && previous.truncatedTo(java.time.temporal.ChronoUnit.DAYS)
                .equals(at.truncatedTo(java.time.temporal.ChronoUnit.DAYS));
        return new BreakerState(BreakerStatus.TRIPPED, at, reason, details, null, null, null,
                sameDay ? tripCountToday + 1 : 1, version);
    }

    public BreakerState reset(String by, Instant at, Instant quietUntil) {
        return new BreakerState(BreakerStatus.QUIET_PERIOD, null, null, null, at, by, quietUntil,
                tripCountToday, version);
    }

    /** QUIET_PERIOD ends by itself once {@code quietUntil} has passed. */
    public BreakerStatus effectiveStatus(Instant now) {
        if (state == BreakerStatus.QUIET_PERIOD && quietUntil != null && !now.isBefore(quietUntil)) {
            return BreakerStatus.OPEN;
        }
        return state;
    }

    @Override
    public int restrictiveness() {
        return state.restrictiveness();
    }

    @Override
    public BreakerState withVersion(long newVersion) {
        return new BreakerState(state, trippedAt, tripReason, tripDetails, resetAt, resetBy, quietUntil,
                tripCountToday, newVersion);
    }
}

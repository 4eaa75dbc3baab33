package io.tripwire.gateway.breaker;

/**
 * Why the breaker tripped: stable names, used as {@code trip_reason} in {@code circuit_breaker:state},
 * as {@code reason} in {@code circuit_breaker_events} and as the {@code reason} tag of {@code cb_trip_total}.
 */
public enum TripReason {
    /** An operator tripped it (API, CLI, console); the operator's text is in the trip details. */
    MANUAL,
    /** Venue equity minus the previous close's equity fell below minus {@code gateway.breaker.daily-loss-limit}. */
    DAILY_LOSS_EXCEEDED,
    /** Equity fell more than {@code gateway.breaker.max-drawdown} below the day's peak. */
    MAX_DRAWDOWN,
    /** Market data went stale (tripped by the signal service). */
    DATA_STALE,
    /** {@code gateway.breaker.max-consecutive-venue-errors} venue calls in a row failed. */
    BROKER_ERRORS,
    /** At least {@code gateway.breaker.reject-storm-count} orders were refused within the reject-storm window. */
    REJECT_STORM,
    /** The reconciler found the venue and Tripwire disagreeing (tripped by the reconciler). */
    RECONCILIATION_MISMATCH,
    /** The automatic-trip evaluation itself failed: not knowing is treated as unsafe. */
    EVALUATOR_FAILURE
}

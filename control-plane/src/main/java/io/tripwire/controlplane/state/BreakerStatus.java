package io.tripwire.controlplane.state;

/** Circuit breaker states as the runbooks name them: OPEN means trading is allowed. */
public enum BreakerStatus {
    OPEN(0),
    QUIET_PERIOD(1),
    TRIPPED(2);

    private final int restrictiveness;

    BreakerStatus(int restrictiveness) {
        this.restrictiveness = restrictiveness;
    }

    public int restrictiveness() {
        return restrictiveness;
    }
}

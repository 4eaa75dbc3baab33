package io.tripwire.healthmonitor.check;

/**
 * Health of one component. {@code UNKNOWN} = never checked (never shown as healthy); the metric value is
 * the one exported as {@code health_component_status} (a stale component exports {@link #UNKNOWN}'s value).
 */
public enum ComponentStatus {
    HEALTHY(0),
    DEGRADED(1),
    UNHEALTHY(2),
    UNKNOWN(3);

    private final int metricValue;

    ComponentStatus(int metricValue) {
        this.metricValue = metricValue;
    }

    public int metricValue() {
        return metricValue;
    }

    /** The worse of two statuses for a summary: UNHEALTHY over DEGRADED over HEALTHY. */
    public ComponentStatus worse(ComponentStatus other) {
        return rank() >= other.rank() ? this : other;
    }

    private int rank() {
        return switch (this) {
            case HEALTHY -> 0;
            case DEGRADED, UNKNOWN -> 1;
            case UNHEALTHY -> 2;
        };
    }
}

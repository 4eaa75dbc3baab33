package io.tripwire.healthmonitor.check;

import io.tripwire.healthmonitor.config.HealthMonitorConfig;

/** Verdict on a used-vs-limit pair (Redis memory, PostgreSQL connections); a limit of 0 means unlimited. */
public final class Usage {

    private Usage() {
    }

    public static ComponentStatus of(long used, long limit, HealthMonitorConfig.Usage thresholds) {
        if (limit <= 0) {
            return ComponentStatus.HEALTHY;
        }
        double ratio = (double) used / limit;
        if (ratio >= thresholds.unhealthyRatio()) {
            return ComponentStatus.UNHEALTHY;
        }
        return ratio >= thresholds.degradedRatio() ? ComponentStatus.DEGRADED : ComponentStatus.HEALTHY;
    }

    /** Verdict on a count against "degraded above" / "unhealthy above" thresholds. */
    public static ComponentStatus above(long value, long degradedAbove, long unhealthyAbove) {
        if (value > unhealthyAbove) {
            return ComponentStatus.UNHEALTHY;
        }
        return value > degradedAbove ? ComponentStatus.DEGRADED : ComponentStatus.HEALTHY;
    }

    static String percent(long used, long limit) {
        return limit <= 0 ? "no limit" : String.format(java.util.Locale.ROOT, "%.0f%%", 100.0 * used / limit);
    }
}

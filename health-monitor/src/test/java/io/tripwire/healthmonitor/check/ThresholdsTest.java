package io.tripwire.healthmonitor.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.tripwire.healthmonitor.config.HealthMonitorConfig;
import org.junit.jupiter.api.Test;

/** Verdicts on usage ratios, counts, latency and INFO fields; plain JUnit. */
class ThresholdsTest {

    private static final HealthMonitorConfig.Usage USAGE = new HealthMonitorConfig.Usage() {
        @Override
        public double degradedRatio() {
            return 0.8;
        }

        @Override
        public double unhealthyRatio() {
            return 0.95;
        }
    };

    @Test
    void usageAgainstALimitAndNoLimit() {
        assertThat(Usage.of(10, 100, USAGE)).isEqualTo(ComponentStatus.HEALTHY);
        assertThat(Usage.of(80, 100, USAGE)).isEqualTo(ComponentStatus.DEGRADED);
        assertThat(Usage.of(95, 100, USAGE)).isEqualTo(ComponentStatus.UNHEALTHY);
        assertThat(Usage.of(1_000_000, 0, USAGE)).isEqualTo(ComponentStatus.HEALTHY);
    }

    @Test
    void countsAboveThresholdsLikeThePoisonQueueSla() {
        assertThat(Usage.above(0, 0, 10)).isEqualTo(ComponentStatus.HEALTHY);
        assertThat(Usage.above(1, 0, 10)).isEqualTo(ComponentStatus.DEGRADED);
        assertThat(Usage.above(10, 0, 10)).isEqualTo(ComponentStatus.DEGRADED);
        assertThat(Usage.above(11, 0, 10)).isEqualTo(ComponentStatus.UNHEALTHY);
    }

    @Test
    void slowIsAtLeastDegradedButNeverHidesUnhealthy() {
        assertThat(Observation.slowIsDegraded(ComponentStatus.HEALTHY, 600, 500)).isEqualTo(ComponentStatus.DEGRADED);
        assertThat(Observation.slowIsDegraded(ComponentStatus.HEALTHY, 400, 500)).isEqualTo(ComponentStatus.HEALTHY);
        assertThat(Observation.slowIsDegraded(ComponentStatus.UNHEALTHY, 600, 500)).isEqualTo(ComponentStatus.UNHEALTHY);
    }

    @Test
    void infoFields() {
        String info = "# Memory\r\nused_memory:1024\r\nused_memory_human:1.00K\r\nmaxmemory:0\r\n";
        assertThat(RedisCheck.field(info, "used_memory")).isEqualTo(1024);
        assertThat(RedisCheck.field(info, "maxmemory")).isZero();
        assertThat(RedisCheck.field(info, "absent")).isEqualTo(-1);
    }
}

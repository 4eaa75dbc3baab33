package io.tripwire.reconciler.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The mismatch counters exist at 0 before any run (dashboards and rules see 0, not "no data") and count by kind. */
class ReconcilerMetricsTest {

    @Test
    void everyMismatchKindIsRegisteredAtZeroAndARunAddsItsCounts() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ReconcilerMetrics metrics = new ReconcilerMetrics(registry);

        for (String kind : ReconcilerMetrics.MISMATCH_KINDS) {
            assertThat(registry.find("reconciliation.mismatches").tag("kind", kind).counter()).as(kind).isNotNull()
                    .extracting(c -> c.count()).isEqualTo(0.0);
        }
        Instant start = Instant.parse("2026-01-05T10:00:00Z");
        RunLog log = new RunLog("run-1", start, 100);
        log.mismatch("position", "position_differs", java.util.Map.of("symbol", "AAPL"));
        log.mismatch("position", "position_differs", java.util.Map.of("symbol", "MSFT"));
        metrics.finished(log, "READY", start.plusSeconds(1));

        assertThat(registry.find("reconciliation.mismatches").tag("kind", "position").counter().count()).isEqualTo(2.0);
        assertThat(registry.find("reconciliation.mismatches").tag("kind", "orphan").counter().count()).isEqualTo(0.0);
    }
}

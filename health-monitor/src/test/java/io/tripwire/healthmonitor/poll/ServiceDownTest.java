package io.tripwire.healthmonitor.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tripwire.healthmonitor.check.ComponentStatus;
import io.tripwire.healthmonitor.support.FakeService;
import io.tripwire.healthmonitor.support.HealthFixtures;
import io.tripwire.healthmonitor.support.MonitoredTargets;
import jakarta.inject.Inject;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A monitored service (a real HTTP server) stops: UNHEALTHY within two intervals, one alert; back up: resolved. */
@QuarkusTest
@QuarkusTestResource(MonitoredTargets.class)
class ServiceDownTest {

    @Inject HealthFixtures fixtures;

    @BeforeEach
    void reset() {
        fixtures.reset();
    }

    @Test
    void aStoppedServiceIsUnhealthyWithinTwoIntervalsAndRaisesExactlyOneAlertThenResolves() {
        FakeService.stop();
        long stoppedAt = System.nanoTime();
        Awaitility.await().atMost(HealthFixtures.INTERVAL.multipliedBy(2).plusMillis(300)).pollInterval(Duration.ofMillis(50))
                .until(() -> fixtures.fresh(FakeService.NAME, ComponentStatus.UNHEALTHY));
        assertThat((System.nanoTime() - stoppedAt) / 1_000_000).isLessThanOrEqualTo(2_300);
        assertThat(fixtures.state(FakeService.NAME).message()).startsWith("not ready: connection refused");

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> fixtures.alerts(FakeService.NAME).size() == 1);
        var alert = fixtures.alerts(FakeService.NAME).get(0);
        assertThat(alert).containsEntry("status", "firing").containsEntry("source", "health-monitor")
                .containsEntry("severity", "WARNING").containsEntry("dedup_key", "health:fake-service");
        assertThat(alert.get("summary")).contains("fake-service is UNHEALTHY");

        // Still down for several more polls: no second alert.
        long polls = fixtures.state(FakeService.NAME).lastCheck().toEpochMilli();
        Awaitility.await().atMost(Duration.ofSeconds(6))
                .until(() -> fixtures.state(FakeService.NAME).lastCheck().toEpochMilli() >= polls + 3_000);
        assertThat(fixtures.alerts(FakeService.NAME)).hasSize(1);

        FakeService.start();
        Awaitility.await().atMost(Duration.ofSeconds(8)).until(() -> fixtures.count(fixtures.alerts(FakeService.NAME), "resolved") == 1);
        assertThat(fixtures.fresh(FakeService.NAME, ComponentStatus.HEALTHY)).isTrue();
        assertThat(fixtures.alerts(FakeService.NAME)).extracting(a -> a.get("status")).containsExactly("firing", "resolved");
    }
}

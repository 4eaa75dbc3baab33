package io.tripwire.healthmonitor.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tripwire.healthmonitor.check.ComponentStatus;
import io.tripwire.healthmonitor.support.HealthFixtures;
import io.tripwire.healthmonitor.support.MonitoredTargets;
import jakarta.inject.Inject;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A monitored redis-server of the test's own is killed: UNHEALTHY and one alert; restarted: HEALTHY and resolved. */
@QuarkusTest
@QuarkusTestResource(MonitoredTargets.class)
class RedisDownTest {

    private static final String SPARE = MonitoredTargets.SPARE_REDIS;

    @Inject HealthFixtures fixtures;

    @BeforeEach
    void reset() {
        fixtures.reset();
    }

    @Test
    void aKilledRedisIsUnhealthyWithOneAlertAndARestartedOneHealthyWithTheAlertResolved() {
        assertThat(fixtures.state(SPARE).message()).startsWith("PING ").contains("memory");
        assertThat(fixtures.state(SPARE).latencyMs()).isNotNull();

        MonitoredTargets.spareRedis().kill();
        Awaitility.await().atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(50))
                .until(() -> fixtures.fresh(SPARE, ComponentStatus.UNHEALTHY));
        assertThat(fixtures.state(SPARE).message()).startsWith("unreachable");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> fixtures.alerts(SPARE).size() == 1);
        assertThat(fixtures.alerts(SPARE).get(0)).containsEntry("status", "firing");
        // The service's own Redis is another server and stays healthy.
        assertThat(fixtures.fresh("redis", ComponentStatus.HEALTHY)).isTrue();

        MonitoredTargets.spareRedis().start();
        Awaitility.await().atMost(Duration.ofSeconds(8)).until(() -> fixtures.count(fixtures.alerts(SPARE), "resolved") == 1);
        assertThat(fixtures.fresh(SPARE, ComponentStatus.HEALTHY)).isTrue();
        assertThat(fixtures.alerts(SPARE)).extracting(a -> a.get("status")).containsExactly("firing", "resolved");
    }
}

package io.tripwire.healthmonitor.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tripwire.controlplane.keys.RedisKeys;
import io.tripwire.healthmonitor.support.FakeService;
import io.tripwire.healthmonitor.support.HealthFixtures;
import io.tripwire.healthmonitor.support.MonitoredTargets;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Stream backlogs (XINFO GROUPS: pending + lag) and heartbeats, read from the real test Redis. */
@QuarkusTest
@QuarkusTestResource(MonitoredTargets.class)
class RedisDerivedChecksTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject HealthFixtures fixtures;
    @Inject RedisKeys keys;

    @BeforeEach
    void reset() {
        fixtures.reset();
    }

    @Test
    void aConsumerGroupWithPendingAndUndeliveredEntriesIsABacklog() {
        var streams = fixtures.redis().stream(String.class);
        String key = keys.orderEvents();
        for (int i = 0; i < 3; i++) {
            streams.xadd(key, Map.of("n", String.valueOf(i))).await().atMost(WAIT);
        }
        streams.xgroupCreate(key, "test-group", "0").await().atMost(WAIT);
        streams.xreadgroup("test-group", "c1", key, ">", new XReadGroupArgs().count(3)).await().atMost(WAIT);
        streams.xadd(key, Map.of("n", "3")).await().atMost(WAIT);
        Awaitility.await().atMost(Duration.ofSeconds(4))
                .until(() -> fixtures.fresh("stream:orders:events", ComponentStatus.DEGRADED));
        assertThat(fixtures.state("stream:orders:events").message()).isEqualTo("backlog 4 (worst group test-group, 1 groups)");
        assertThat(fixtures.state("stream:orders:events").details()).containsEntry("backlog", 4L);
        assertThat(fixtures.fresh("stream:alerts:stream", ComponentStatus.HEALTHY)).isTrue();
    }

    @Test
    void aPolledServiceWithoutAHeartbeatIsDegradedAndWithOneHealthy() {
        Awaitility.await().atMost(Duration.ofSeconds(4)).until(() -> fixtures.fresh("heartbeats", ComponentStatus.DEGRADED));
        assertThat(fixtures.state("heartbeats").message()).isEqualTo("no heartbeat from " + FakeService.NAME);

        fixtures.redis().value(String.class).setex(keys.heartbeat(FakeService.NAME, "i-1"), 30, "2026-01-01T00:00:00Z")
                .await().atMost(WAIT);
        Awaitility.await().atMost(Duration.ofSeconds(4)).until(() -> fixtures.fresh("heartbeats", ComponentStatus.HEALTHY));
        assertThat(fixtures.state("heartbeats").details().get("instances").toString()).contains("fake-service=[i-1]");
    }
}

package io.tripwire.controlplane.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.tripwire.controlplane.keys.RedisKeys;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HeartbeatsTest {

    @Inject ReactiveRedisDataSource redis;
    @Inject RedisKeys keys;
    @Inject InstanceId instance;

    @Test
    void theServiceWritesItsHeartbeatWithATimeToLive() {
        String key = keys.heartbeat("control-plane-test", instance.value());
        await().atMost(Duration.ofSeconds(12)).ignoreExceptions().untilAsserted(() ->
                assertThat(redis.key().ttl(key).await().atMost(Duration.ofSeconds(2))).isBetween(1L, 15L));
    }
}

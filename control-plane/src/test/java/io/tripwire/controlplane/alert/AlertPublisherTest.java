package io.tripwire.controlplane.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.tripwire.controlplane.keys.RedisKeys;
import io.tripwire.controlplane.testing.TestStores;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AlertPublisherTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject AlertPublisher alerts;
    @Inject ReactiveRedisDataSource redis;
    @Inject Pool pool;
    @Inject RedisKeys keys;

    @BeforeEach
    void emptyStores() {
        TestStores.clean(redis, pool);
    }

    @Test
    void anAlertIsAppendedToTheAlertsStreamWithEveryField() {
        Instant created = Instant.parse("2026-11-21T09:00:00Z");
        String id = alerts.publish(new Alert(Severity.CRITICAL, "execution-gateway", "breaker tripped",
                Map.of("reason", "daily loss"), "breaker-trip", false, created)).await().atMost(WAIT);

        assertThat(id).isNotNull();
        var entries = redis.stream(String.class).xrange(keys.alertsStream(),
                io.quarkus.redis.datasource.stream.StreamRange.of("-", "+")).await().atMost(WAIT);
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).payload()).containsEntry("severity", "CRITICAL")
                .containsEntry("source", "execution-gateway")
                .containsEntry("summary", "breaker tripped")
                .containsEntry("dedup_key", "breaker-trip")
                .containsEntry("status", "firing")
                .containsEntry("created_at", "2026-11-21T09:00:00Z")
                .containsEntry("details", "{\"reason\":\"daily loss\"}");
    }
}

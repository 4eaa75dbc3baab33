package io.tripwire.alert.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tripwire.alert.support.AlertFixtures;
import io.tripwire.alert.support.ProviderStubs;
import io.tripwire.controlplane.alert.Alert;
import io.tripwire.controlplane.alert.AlertPublisher;
import io.tripwire.controlplane.alert.Severity;
import io.tripwire.controlplane.keys.RedisKeys;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** alerts:stream intake: what AlertPublisher writes is delivered; an unparsable entry is kept (poison), never dropped; ACK after store. */
@QuarkusTest
@QuarkusTestResource(ProviderStubs.class)
class StreamIntakeTest {

    @Inject AlertFixtures fixtures;
    @Inject AlertPublisher publisher;
    @Inject RedisKeys keys;

    @BeforeEach
    void clean() {
        fixtures.reset();
    }

    @Test
    void anAlertPublishedByTheLibraryIsDelivered() {
        publisher.publish(new Alert(Severity.WARNING, "execution-gateway", "venue latency high", Map.of("p95_ms", 900),
                "venue-latency", false, Instant.now())).await().atMost(Duration.ofSeconds(5));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> fixtures.count(
                "SELECT count(*) FROM alert_deliveries WHERE status = 'delivered' AND channel = 'slack'") == 1);
        assertThat(fixtures.count("SELECT count(*) FROM alerts WHERE intake = 'stream' AND source = 'execution-gateway'")).isEqualTo(1);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(this::nothingPending);
    }

    @Test
    void anUnparsableEntryGoesToThePoisonQueueWithItsRawFieldsAndIsAckedOnlyThen() {
        fixtures.redis().stream(String.class).xadd(keys.alertsStream(), Map.of("severity", "LOUD", "summary", "garbled",
                "created_at", "yesterday")).await().atMost(Duration.ofSeconds(5));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> fixtures.count(
                "SELECT count(*) FROM alert_deliveries WHERE status = 'poison'") == 1);
        var details = fixtures.rows("SELECT details::text FROM alerts", io.vertx.mutiny.sqlclient.Tuple.tuple(), r -> r.getString(0));
        assertThat(details).singleElement().asString().contains("\"raw_fields\"").contains("LOUD").contains("yesterday");
        assertThat(fixtures.rows("SELECT error_message FROM alert_deliveries", io.vertx.mutiny.sqlclient.Tuple.tuple(),
                r -> r.getString(0))).singleElement().asString().startsWith("unparsable stream entry");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(this::nothingPending);
        assertThat(ProviderStubs.server().getAllServeEvents()).isEmpty();
    }

    private boolean nothingPending() {
        return fixtures.redis().stream(String.class).xpending(keys.alertsStream(), RedisKeys.ALERTS_CONSUMER_GROUP)
                .await().atMost(Duration.ofSeconds(5)).getPendingCount() == 0;
    }
}

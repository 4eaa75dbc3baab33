package io.tripwire.alert.poison;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tripwire.alert.support.AlertFixtures;
import io.tripwire.alert.support.ProviderStubs;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A critical alert whose channel is poisoned (or whose SMS expired) escalates to the next channel. */
@QuarkusTest
@QuarkusTestResource(ProviderStubs.class)
class EscalationTest {

    @Inject AlertFixtures fixtures;
    String key;

    @BeforeEach
    void clean() {
        key = fixtures.reset();
    }

    @Test
    void aPoisonedPagerDutyDeliveryEscalatesToSlack() {
        ProviderStubs.server().stubFor(post(urlPathEqualTo(ProviderStubs.PAGERDUTY))
                .willReturn(ProviderStubs.json(400, "{\"status\":\"invalid event\"}")));
        long alert = fixtures.submit(key, "critical", "kill-switch-1", Map.of());
        var poisoned = fixtures.awaitStatus(alert, "pagerduty", "poison", Duration.ofSeconds(10));
        var escalated = fixtures.awaitStatus(alert, "slack", "delivered", Duration.ofSeconds(10));
        assertThat(escalated.getLong("escalated_from")).isEqualTo(poisoned.getLong("id"));
        assertThat(escalated.getString("recipient")).isEqualTo("#alerts-ops");
        fixtures.awaitStatus(alert, "sms", "delivered", Duration.ofSeconds(10));
    }

    @Test
    void anSmsOlderThanItsTtlIsExpiredNotSentAndTheCriticalAlertEscalates() throws InterruptedException {
        long alert = fixtures.submit(key, Map.of("severity", "critical", "source", "gateway", "summary", "venue down",
                "dedup_key", "venue-down", "created_at", Instant.now().minus(Duration.ofMinutes(10)).toString()));
        var expired = fixtures.awaitStatus(alert, "sms", "expired", Duration.ofSeconds(10));
        assertThat(expired.getString("error_message")).contains("TTL");
        fixtures.awaitStatus(alert, "pagerduty", "delivered", Duration.ofSeconds(10));
        fixtures.awaitStatus(alert, "slack", "delivered", Duration.ofSeconds(10));
        Thread.sleep(500);
        assertThat(ProviderStubs.server().findAll(com.github.tomakehurst.wiremock.client.WireMock
                .postRequestedFor(urlPathEqualTo(ProviderStubs.TWILIO)))).isEmpty();
    }
}

package io.tripwire.alert.intake;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tripwire.alert.support.AlertFixtures;
import io.tripwire.alert.support.ProviderStubs;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Same dedup key within the window → sent once; resolve → PagerDuty resolve with the same dedup_key after the trigger. */
@QuarkusTest
@QuarkusTestResource(ProviderStubs.class)
class DedupAndResolveTest {

    @Inject AlertFixtures fixtures;
    String key;

    @BeforeEach
    void clean() {
        key = fixtures.reset();
    }

    @Test
    void aRepeatWithinTheWindowIsStoredOnceAndSentOnce() throws InterruptedException {
        Map<String, Object> alert = Map.of("severity", "warning", "source", "gateway", "summary", "reject storm", "dedup_key", "storm-1");
        long first = fixtures.submit(key, alert);
        given().header("X-API-Key", key).contentType(ContentType.JSON).body(alert).post("/api/v1/alerts")
                .then().statusCode(202).body("outcome", equalTo("duplicate")).body("alert_id", equalTo((int) first));
        fixtures.awaitStatus(first, "slack", "delivered", Duration.ofSeconds(10));
        Thread.sleep(1200);
        assertThat(fixtures.count("SELECT count(*) FROM alerts")).isEqualTo(1);
        assertThat(fixtures.count("SELECT duplicates FROM alerts")).isEqualTo(1);
        assertThat(fixtures.count("SELECT count(*) FROM alert_deliveries")).isEqualTo(1);
        ProviderStubs.server().verify(1, postRequestedFor(urlPathEqualTo(ProviderStubs.SLACK_POST)));
    }

    @Test
    void aResolveFollowsTheTriggerWithTheSameDedupKey() {
        long trigger = fixtures.submit(key, Map.of("severity", "critical", "source", "reconciler", "summary", "position mismatch",
                "dedup_key", "recon-AAPL"));
        long resolved = fixtures.submit(key, Map.of("severity", "critical", "source", "reconciler", "summary", "position mismatch",
                "dedup_key", "recon-AAPL", "status", "resolved"));
        assertThat(resolved).isNotEqualTo(trigger);
        fixtures.awaitStatus(resolved, "pagerduty", "delivered", Duration.ofSeconds(10));

        List<LoggedRequest> events = ProviderStubs.server().findAll(postRequestedFor(urlPathEqualTo(ProviderStubs.PAGERDUTY)));
        assertThat(events).hasSize(2);
        assertThat(events.get(0).getBodyAsString()).contains("\"event_action\":\"trigger\"").contains("\"dedup_key\":\"recon-AAPL\"");
        assertThat(events.get(1).getBodyAsString()).contains("\"event_action\":\"resolve\"").contains("\"dedup_key\":\"recon-AAPL\"");
        assertThat(fixtures.count("SELECT count(*) FROM alert_deliveries WHERE alert_id = " + resolved + " AND channel = 'sms'"))
                .as("no SMS for an all-clear").isZero();
        assertThat(fixtures.count("SELECT count(*) FROM alerts WHERE is_open")).isZero();

        // a new firing after the resolve is a new alert, sent again
        long again = fixtures.submit(key, Map.of("severity", "critical", "source", "reconciler", "summary", "position mismatch",
                "dedup_key", "recon-AAPL"));
        assertThat(again).isNotIn(trigger, resolved);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                ProviderStubs.server().findAll(postRequestedFor(urlPathEqualTo(ProviderStubs.PAGERDUTY))).size() == 3);
    }

    @Test
    void aResolveWithoutAnOpenAlertSendsNothing() throws InterruptedException {
        given().header("X-API-Key", key).contentType(ContentType.JSON).body(Map.of("severity", "warning", "source", "x",
                        "summary", "gone", "dedup_key", "never-fired", "status", "resolved"))
                .post("/api/v1/alerts").then().statusCode(202).body("outcome", equalTo("duplicate"));
        Thread.sleep(1200);
        assertThat(ProviderStubs.server().getAllServeEvents()).isEmpty();
    }
}

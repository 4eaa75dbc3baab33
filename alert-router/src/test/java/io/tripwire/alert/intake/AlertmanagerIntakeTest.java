package io.tripwire.alert.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tripwire.alert.support.AlertFixtures;
import io.tripwire.alert.support.ProviderStubs;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Alertmanager webhook: severity label routes (critical → PagerDuty + SMS), the fingerprint is the dedup key. */
@QuarkusTest
@QuarkusTestResource(ProviderStubs.class)
class AlertmanagerIntakeTest {

    private static final String FIRING = """
            {"version":"4","groupKey":"{}:{alertname=\\"PoisonQueueHigh\\"}","status":"firing","receiver":"tripwire",
             "groupLabels":{"alertname":"PoisonQueueHigh"},"commonLabels":{},"commonAnnotations":{},"externalURL":"http://am",
             "truncatedAlerts":0,
             "alerts":[{"status":"%s","labels":{"alertname":"PoisonQueueHigh","severity":"critical","job":"alert-router"},
                        "annotations":{"summary":"12 alert deliveries in the poison queue"},
                        "startsAt":"2026-11-21T10:00:00Z","endsAt":"0001-01-01T00:00:00Z",
                        "generatorURL":"http://prom/graph","fingerprint":"a1b2c3d4e5f60718"}]}""";

    @Inject AlertFixtures fixtures;
    String key;

    @BeforeEach
    void clean() {
        key = fixtures.reset();
    }

    @Test
    void aCriticalAlertmanagerAlertPagesAndItsResolveClosesIt() {
        given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON).body(FIRING.formatted("firing"))
                .post("/api/v1/alertmanager").then().statusCode(202).body("received", equalTo(1))
                .body("results[0].outcome", equalTo("stored"));
        long alert = fixtures.count("SELECT id FROM alerts WHERE dedup_key = 'am:a1b2c3d4e5f60718'");
        fixtures.awaitStatus(alert, "pagerduty", "delivered", Duration.ofSeconds(10));
        fixtures.awaitStatus(alert, "sms", "delivered", Duration.ofSeconds(10));
        given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON).body(FIRING.formatted("resolved"))
                .post("/api/v1/alertmanager").then().statusCode(202).body("results[0].outcome", equalTo("resolved"));
        assertThat(fixtures.count("SELECT count(*) FROM alerts WHERE is_open")).isZero();
    }
}

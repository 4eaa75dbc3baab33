package io.tripwire.gateway.breaker;

import static io.tripwire.gateway.support.GatewayTestSupport.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.tripwire.controlplane.auth.ApiKeyScope;
import io.tripwire.controlplane.state.BreakerStatus;
import io.tripwire.gateway.support.GatewayTestSupport;
import io.tripwire.gateway.support.PaperVenueResource;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PaperVenueResource.class)
class BreakerResetTest {

    private static final String GOOD_REASON = "venue recovered, fills reconciled by ops";

    @Inject GatewayTestSupport support;
    String admin;

    @BeforeEach
    void tradeable() {
        admin = support.tradeable();
    }

    @Test
    void aResetMovesATrippedBreakerToQuietPeriodAndRecordsIt() {
        trip();
        reset(GOOD_REASON, true).then().statusCode(200).body("changed", equalTo(true))
                .body("breaker.state", equalTo("QUIET_PERIOD")).body("breaker.quiet_until", notNullValue());

        assertThat(support.breaker().state()).isEqualTo(BreakerStatus.QUIET_PERIOD);
        assertThat(support.count("SELECT count(*) FROM circuit_breaker_events WHERE event = 'RESET' AND reason = $1", GOOD_REASON))
                .isEqualTo(1);
        assertThat(support.count("SELECT count(*) FROM audit_log WHERE action = 'CIRCUIT_BREAKER_RESET' AND reason = $1",
                GOOD_REASON)).isEqualTo(1);
        as(admin).get("/api/v1/circuit-breaker/history").then().body("entries[0].reset_reason", equalTo(GOOD_REASON))
                .body("entries[0].reset_by", notNullValue());
        assertThat(io.restassured.RestAssured.get("/q/metrics").asString()).containsPattern("(?m)^cb_reset_total(\\{[^}]*})? [1-9]");
    }

    @Test
    void aResetResolvesTheTripAlertsOfTheGatewayAndOfTheReconciler() {
        trip();
        reset(GOOD_REASON, true).then().statusCode(200);

        for (String key : io.tripwire.controlplane.alert.AlertKeys.BREAKER_TRIPS) {
            org.awaitility.Awaitility.await().atMost(GatewayTestSupport.WAIT).until(() -> support.redis().stream(String.class)
                    .xrange(support.keys().alertsStream(), io.quarkus.redis.datasource.stream.StreamRange.of("-", "+"))
                    .await().atMost(GatewayTestSupport.WAIT).stream()
                    .anyMatch(m -> key.equals(m.payload().get("dedup_key")) && "resolved".equals(m.payload().get("status"))));
        }
    }

    @Test
    void aResetReasonShorterThanTwentyCharactersIs400EvenBeforeTheStateIsLookedAt() {
        reset("back to normal", true).then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                .body("details.fields.reason", notNullValue());
        assertThat(support.rawRedis(support.keys().breakerResetRateLimit())).isNull();
    }

    @Test
    void aResetWithoutAcknowledgementIs400() {
        trip();
        reset(GOOD_REASON, false).then().statusCode(400).body("details.fields.acknowledged", notNullValue());
        as(admin).body(Map.of("reason", GOOD_REASON)).post("/api/v1/circuit-breaker/reset").then().statusCode(400);
        assertThat(support.breaker().state()).isEqualTo(BreakerStatus.TRIPPED);
        assertThat(support.rawRedis(support.keys().breakerResetRateLimit())).isNull();
    }

    @Test
    void aResetOfABreakerThatIsNotTrippedIs409AndUsesNoRateToken() {
        reset(GOOD_REASON, true).then().statusCode(409).body("code", equalTo("STATE_CONFLICT"))
                .body("details.state", equalTo("OPEN"));
        assertThat(support.rawRedis(support.keys().breakerResetRateLimit())).isNull();

        trip();
        reset(GOOD_REASON, true).then().statusCode(200);
    }

    @Test
    void aSecondResetWithinAMinuteIs429WithRetryAfterAndChangesNothing() {
        trip();
        reset(GOOD_REASON, true).then().statusCode(200);
        trip();

        Response second = reset("second operator, same minute, other cause", true);

        second.then().statusCode(429).body("code", equalTo("RATE_LIMITED"));
        int retryAfter = Integer.parseInt(second.header("Retry-After"));
        assertThat(retryAfter).isBetween(1, 60);
        assertThat(support.breaker().state()).isEqualTo(BreakerStatus.TRIPPED);
        assertThat(support.count("SELECT count(*) FROM circuit_breaker_events WHERE event = 'RESET'")).isEqualTo(1);
    }

    @Test
    void aResetNeedsTheBreakerResetScope() {
        trip();
        as(support.key(ApiKeyScope.BREAKER_TRIP, ApiKeyScope.ORDERS_READ)).body(Map.of("reason", GOOD_REASON, "acknowledged", true))
                .post("/api/v1/circuit-breaker/reset").then().statusCode(403);
        assertThat(support.breaker().state()).isEqualTo(BreakerStatus.TRIPPED);
    }

    private void trip() {
        as(admin).body(Map.of("reason", "tripped by the reset tests on purpose", "acknowledged", true))
                .post("/api/v1/circuit-breaker/trip").then().statusCode(200);
    }

    private Response reset(String reason, boolean acknowledged) {
        return as(admin).body(Map.of("reason", reason, "acknowledged", acknowledged)).post("/api/v1/circuit-breaker/reset");
    }
}

package io.tripwire.gateway.breaker;

import static io.tripwire.gateway.support.GatewayTestSupport.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tripwire.controlplane.auth.ApiKeyScope;
import io.tripwire.controlplane.state.BreakerStatus;
import io.tripwire.gateway.support.GatewayTestSupport;
import io.tripwire.gateway.support.Orders;
import io.tripwire.gateway.support.PaperVenue;
import io.tripwire.gateway.support.PaperVenueResource;
import jakarta.inject.Inject;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PaperVenueResource.class)
class BreakerTripTest {

    private static final String REASON = "venue fills look wrong, halting new risk";

    @Inject GatewayTestSupport support;
    String admin;

    @BeforeEach
    void tradeable() {
        admin = support.tradeable();
    }

    @Test
    void aTripBlocksNewOrdersWith423WhileCancelsStillPass() {
        String working = Orders.limit(admin, "AAPL", "BUY", "1", support.priceAway("AAPL", 400))
                .then().statusCode(201).extract().path("id");
        Awaitility.await().atMost(GatewayTestSupport.WAIT).until(() -> PaperVenue.openOrders() == 1);

        as(admin).body(Map.of("reason", REASON, "acknowledged", true)).post("/api/v1/circuit-breaker/trip")
                .then().statusCode(200).body("changed", equalTo(true))
                .body("confirmed", containsInAnyOrder("POSTGRES", "REDIS"))
                .body("breaker.state", equalTo("TRIPPED")).body("breaker.trip_reason", equalTo("MANUAL"))
                .body("breaker.trip_details.message", equalTo(REASON));

        Orders.market(admin, "AAPL", "BUY", "1").then().statusCode(423).body("code", equalTo("CIRCUIT_BREAKER_TRIPPED"));
        as(admin).delete("/api/v1/orders/" + working).then().statusCode(200);
        Awaitility.await().atMost(GatewayTestSupport.WAIT).until(() -> PaperVenue.openOrders() == 0);
        as(admin).get("/api/v1/orders/" + working).then().body("status", equalTo("CANCELED"));
    }

    @Test
    void a423NamesTheTripReasonItsTimeAndWhoTrippedFromTheScriptAndFromTheLocalRefusal() {
        as(admin).body(Map.of("reason", REASON, "acknowledged", true)).post("/api/v1/circuit-breaker/trip")
                .then().statusCode(200);
        String principal = as(admin).get("/api/v1/whoami").then().extract().path("principal");
        String trippedAt = support.breaker().trippedAt().toString();

        // the first refusal comes from the admission script, the next ones from this replica's recent sighting
        for (int i = 0; i < 3; i++) {
            Orders.market(admin, "AAPL", "BUY", "1").then().statusCode(423).body("code", equalTo("CIRCUIT_BREAKER_TRIPPED"))
                    .body("details.reason", equalTo("MANUAL")).body("details.tripped_at", equalTo(trippedAt))
                    .body("details.tripped_by", equalTo(principal)).body("details.message", equalTo(REASON));
        }
    }

    @Test
    void aTripRecordedInPostgresOnlyOrAHistoryKeyLostInRedisIsStillInTheHistoryWhichIsRebuilt() {
        as(admin).body(Map.of("reason", REASON, "acknowledged", true)).post("/api/v1/circuit-breaker/trip")
                .then().statusCode(200);
        // the reconciler records its trips in circuit_breaker_events only; then Redis loses the history key
        support.count("WITH r AS (INSERT INTO circuit_breaker_events (event, reason, details, actor, created_at) "
                + "VALUES ('TRIP', 'RECONCILIATION_MISMATCH', '{\"message\":\"positions differ\"}'::jsonb, "
                + "'system:reconciler', now() - interval '1 hour') RETURNING 1) SELECT count(*) FROM r");
        support.redis().key(String.class).del(support.keys().breakerHistory()).await().atMost(GatewayTestSupport.WAIT);

        as(admin).get("/api/v1/circuit-breaker/history").then().statusCode(200)
                .body("source", equalTo("postgres")).body("entries.size()", equalTo(2))
                .body("entries[0].reason", equalTo("MANUAL")).body("entries[1].reason", equalTo("RECONCILIATION_MISMATCH"));

        var history = support.redis().sortedSet(String.class);
        assertThat(history.zcard(support.keys().breakerHistory()).await().atMost(GatewayTestSupport.WAIT))
                .as("rebuilt from PostgreSQL").isEqualTo(2);
        as(admin).get("/api/v1/circuit-breaker/history").then().statusCode(200)
                .body("source", equalTo("redis")).body("entries.size()", equalTo(2));
    }

    @Test
    void aTripIsRecordedInTheEventsTableTheHistoryTheAuditLogAndTheMetric() {
        as(admin).body(Map.of("reason", REASON, "acknowledged", true)).post("/api/v1/circuit-breaker/trip")
                .then().statusCode(200);

        assertThat(support.count("SELECT count(*) FROM circuit_breaker_events WHERE event = 'TRIP' AND reason = 'MANUAL' "
                + "AND details->>'message' = $1", REASON)).isEqualTo(1);
        assertThat(support.count("SELECT count(*) FROM audit_log WHERE action = 'CIRCUIT_BREAKER_TRIP'")).isEqualTo(1);
        as(admin).get("/api/v1/circuit-breaker/history").then().statusCode(200)
                .body("source", equalTo("redis")).body("entries[0].reason", equalTo("MANUAL"))
                .body("entries[0].message", equalTo(REASON));
        String metrics = io.restassured.RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("cb_trip_total\\{[^}]*reason=\"MANUAL\"[^}]*} [1-9]");
    }

    @Test
    void theHistoryKeepsTheNewestThousandTripsAndAResetCompletesTheNewest() {
        var history = support.redis().sortedSet(String.class);
        for (int i = 0; i < 1000; i++) {
            history.zadd(support.keys().breakerHistory(), i, "{\"tripped_at\":\"2020-01-01T00:00:00Z\",\"reason\":\"OLD" + i + "\"}")
                    .await().atMost(GatewayTestSupport.WAIT);
        }

        as(admin).body(Map.of("reason", REASON, "acknowledged", true)).post("/api/v1/circuit-breaker/trip").then().statusCode(200);
        as(admin).body(Map.of("reason", "fills reconciled, venue healthy again", "acknowledged", true))
                .post("/api/v1/circuit-breaker/reset").then().statusCode(200);

        assertThat(history.zcard(support.keys().breakerHistory()).await().atMost(GatewayTestSupport.WAIT)).isEqualTo(1000);
        assertThat(history.zscore(support.keys().breakerHistory(), "{\"tripped_at\":\"2020-01-01T00:00:00Z\",\"reason\":\"OLD0\"}")
                .await().atMost(GatewayTestSupport.WAIT)).isNull();
        as(admin).queryParam("limit", 2).get("/api/v1/circuit-breaker/history").then().statusCode(200)
                .body("entries.size()", equalTo(2))
                .body("entries[0].reason", equalTo("MANUAL")).body("entries[0].reset_reason", equalTo("fills reconciled, venue healthy again"))
                .body("entries[1].reason", equalTo("OLD999"));
    }

    @Test
    void aTripWhileTrippedIsANoOpThatSaysSo() {
        as(admin).body(Map.of("reason", REASON, "acknowledged", true)).post("/api/v1/circuit-breaker/trip")
                .then().statusCode(200).body("changed", equalTo(true));
        long version = support.breaker().version();

        as(admin).body(Map.of("reason", "a second operator trips it again", "acknowledged", true))
                .post("/api/v1/circuit-breaker/trip")
                .then().statusCode(200).body("changed", equalTo(false)).body("breaker.trip_details.message", equalTo(REASON));

        assertThat(support.breaker().version()).isEqualTo(version);
        assertThat(support.count("SELECT count(*) FROM circuit_breaker_events")).isEqualTo(1);
    }

    @Test
    void aTripNeedsAReasonOfTheMinimumLengthAndAnAcknowledgement() {
        as(admin).body(Map.of("reason", "too short", "acknowledged", true)).post("/api/v1/circuit-breaker/trip")
                .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED")).body("details.fields.reason", org.hamcrest.Matchers.notNullValue());
        as(admin).body(Map.of("reason", REASON)).post("/api/v1/circuit-breaker/trip")
                .then().statusCode(400).body("details.fields.acknowledged", org.hamcrest.Matchers.notNullValue());
        assertThat(support.breaker().state()).isEqualTo(BreakerStatus.OPEN);
    }

    @Test
    void tripNeedsTheBreakerTripScopeAndReadingNeedsOrdersRead() {
        String reader = support.key(ApiKeyScope.ORDERS_READ);
        as(reader).body(Map.of("reason", REASON, "acknowledged", true)).post("/api/v1/circuit-breaker/trip")
                .then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        as(reader).get("/api/v1/circuit-breaker").then().statusCode(200).body("state", equalTo("OPEN"))
                .body("effective_status", equalTo("OPEN"));
        as(support.key(ApiKeyScope.BREAKER_TRIP)).get("/api/v1/circuit-breaker").then().statusCode(403);
        assertThat(support.breaker().state()).isEqualTo(BreakerStatus.OPEN);
    }
}

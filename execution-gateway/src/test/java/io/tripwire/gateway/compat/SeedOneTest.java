package io.tripwire.gateway.compat;

import static io.tripwire.gateway.support.GatewayTestSupport.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.tripwire.controlplane.auth.ApiKeyScope;
import io.tripwire.gateway.support.GatewayTestSupport;
import io.tripwire.gateway.support.PaperVenue;
import io.tripwire.gateway.support.PaperVenueResource;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Seed 001's runbook commands: trade execution, health, risk reset. */
@QuarkusTest
@WithTestResource(PaperVenueResource.class)
class SeedOneTest {

    private static final Map<String, Object> SEED_TRADE = Map.of("symbol", "BTCUSDT", "side", "buy", "qtyUsd", 2000,
            "confidence", 0.9);

    @Inject GatewayTestSupport support;
    String admin;

    @BeforeEach
    void tradeable() {
        admin = support.tradeable();
    }

    @Test
    void theSeedTradeIsSizedByConfidenceAndPlacedOnThePaperVenue() {
        Response answer = as(admin).body(SEED_TRADE).post("/api/trade/execute");

        answer.then().statusCode(200).body("ok", equalTo(true)).body("dryRun", equalTo(true))
                .body("order.symbol", equalTo("BTCUSDT")).body("order.side", equalTo("buy"))
                .body("order.qtyUsd", equalTo(1800.0f)).body("order.confidence", equalTo(0.9f))
                .body("order.idempotencyKey", notNullValue())
                .body("message", equalTo("Paper trading mode - order simulated"));
        assertThat(answer.header("Idempotency-Key")).isEqualTo(answer.path("order.idempotencyKey"));
        String orderId = answer.path("order.orderId");
        Awaitility.await().atMost(GatewayTestSupport.WAIT).untilAsserted(() ->
                as(admin).get("/api/v1/orders/" + orderId).then().body("status", equalTo("FILLED")).body("symbol", equalTo("BTCUSD")));
        assertThat(PaperVenue.positions().get("BTCUSD")).isPositive();
    }

    @Test
    void theSameTradeAgainIsTheSameOrder() {
        String first = as(admin).body(SEED_TRADE).post("/api/trade/execute").then().statusCode(200).extract().path("order.orderId");
        as(admin).body(SEED_TRADE).post("/api/trade/execute").then().statusCode(200)
                .body("order.orderId", equalTo(first))
                .body("message", org.hamcrest.Matchers.containsString("already placed"));
        assertThat(support.count("SELECT count(*) FROM orders")).isEqualTo(1);
    }

    @Test
    void confidenceBelowTheThresholdIs412LowConfidence() {
        as(admin).body(Map.of("symbol", "BTCUSDT", "side", "buy", "qtyUsd", 2000, "confidence", 0.5))
                .post("/api/trade/execute").then().statusCode(412).body("code", equalTo("LOW_CONFIDENCE"))
                .body("details.min", equalTo(0.6f)).body("details.got", equalTo(0.5f));
        assertThat(support.count("SELECT count(*) FROM orders")).isZero();
    }

    @Test
    void aBadTradeRequestIs400WithTheFields() {
        as(admin).body(Map.of("symbol", "NOPE", "side", "hold", "qtyUsd", -5, "confidence", 2))
                .post("/api/trade/execute").then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                .body("details.fields.symbol", notNullValue()).body("details.fields.side", notNullValue())
                .body("details.fields.qtyUsd", notNullValue()).body("details.fields.confidence", notNullValue());
    }

    @Test
    void aTradeWhileTheBreakerIsTrippedIs423() {
        as(admin).body(Map.of("reason", "seed one test trips the breaker", "acknowledged", true))
                .post("/api/v1/circuit-breaker/trip").then().statusCode(200);
        as(admin).body(SEED_TRADE).post("/api/trade/execute").then().statusCode(423).body("code", equalTo("CIRCUIT_BREAKER_TRIPPED"));
    }

    @Test
    void healthShowsModeRiskAndConfigForAnyKey() {
        as(support.key(ApiKeyScope.AUDIT_READ)).get("/health").then().statusCode(200)
                .body("ok", equalTo(true)).body("tradingMode", equalTo("paper"))
                .body("risk.breaker", equalTo("OPEN")).body("risk.dailyPnl", notNullValue()).body("risk.drawdown", notNullValue())
                .body("config.confidenceThreshold", equalTo(0.6f)).body("config.perSymbolUsdCap", notNullValue())
                .body("config.maxDrawdownPct", equalTo(0.10f)).body("config.targetAnnVol", notNullValue())
                .body("config.rateLimitMax", equalTo(200));
        io.restassured.RestAssured.get("/health").then().statusCode(401);
    }

    @Test
    void riskResetIsTheBreakerResetWithTheSameRules() {
        // seed 001's `curl -X POST .../api/risk/reset`: no body, no content type
        io.restassured.RestAssured.given().header("X-API-Key", admin).post("/api/risk/reset")
                .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        Map<String, Object> reset = Map.of("reason", "drawdown understood, resuming carefully", "acknowledged", true);
        as(admin).body(reset).post("/api/risk/reset").then().statusCode(409).body("code", equalTo("STATE_CONFLICT"));
        as(admin).body(Map.of("reason", "seed one test trips the breaker", "acknowledged", true))
                .post("/api/v1/circuit-breaker/trip").then().statusCode(200);
        as(support.key(ApiKeyScope.ORDERS_WRITE)).body(reset).post("/api/risk/reset").then().statusCode(403);

        as(admin).body(reset).post("/api/risk/reset").then().statusCode(200).body("breaker.state", equalTo("QUIET_PERIOD"));
        as(admin).body(Map.of("reason", "x", "bogus", 1)).post("/api/risk/reset").then().statusCode(400);
        assertThat(support.breaker().resetBy()).startsWith("key:");
        assertThat(new BigDecimal(String.valueOf(support.count("SELECT count(*) FROM circuit_breaker_events WHERE event = 'RESET'"))))
                .isEqualByComparingTo("1");
    }
}

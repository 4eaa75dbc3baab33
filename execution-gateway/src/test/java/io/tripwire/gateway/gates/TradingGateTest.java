package io.tripwire.gateway.gates;

import static io.tripwire.gateway.support.GatewayTestSupport.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.tripwire.controlplane.auth.ApiKeyScope;
import io.tripwire.gateway.support.GatewayTestSupport;
import io.tripwire.gateway.support.Orders;
import io.tripwire.gateway.support.PaperVenue;
import io.tripwire.gateway.support.PaperVenueResource;
import io.tripwire.controlplane.control.ControlChanges;
import io.tripwire.controlplane.control.ControlStateService;
import io.tripwire.controlplane.state.TradingGateState;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Daily trading gates on the venue and on strategy "momo": closed or unknown refuses new risk; cancels and reduce-only pass. */
@QuarkusTest
@TestProfile(TradingGateTest.Gated.class)
@WithTestResource(PaperVenueResource.class)
class TradingGateTest {

    public static class Gated implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.gates.venue", "paper", "gateway.gates.strategies", "momo");
        }
    }

    @Inject GatewayTestSupport support;
    @Inject io.vertx.mutiny.sqlclient.Pool pool;
    @Inject ControlStateService controlState;
    String admin;

    @BeforeEach
    void tradeable() {
        admin = support.tradeable();
    }

    @Test
    void aGateNeverEvaluatedIsUnknownAndRefusesNewRiskFailClosed() {
        Orders.market(admin, "AAPL", "BUY", "1").then().statusCode(423).body("code", equalTo("TRADING_GATE_CLOSED"))
                .body("details.reasons", contains("GATE_STATE_UNKNOWN"))
                .body("details.gates.'venue:paper'", contains("GATE_STATE_UNKNOWN"));
        as(admin).get("/api/v1/trading-gates").then().statusCode(200)
                .body("[0].scope", equalTo("venue:paper")).body("[0].state", equalTo("UNKNOWN"))
                .body("[1].scope", equalTo("strategy:momo")).body("[1].state", equalTo("UNKNOWN"));
    }

    @Test
    void eachClosedGateRefusesWithItsReasonsAndAllPassingOpensThem() {
        evaluate("venue:paper", List.of("RECONCILIATION_REQUIRED", "DATA_QUALITY_FAIL")).then().statusCode(200)
                .body("changed", equalTo(true)).body("gate.state", equalTo("CLOSED"));
        Orders.market(admin, "AAPL", "BUY", "1").then().statusCode(423)
                .body("details.reasons", contains("DATA_QUALITY_FAIL", "RECONCILIATION_REQUIRED"));

        evaluate("venue:paper", List.of()).then().statusCode(200).body("gate.state", equalTo("OPEN"));
        Orders.market(admin, "AAPL", "BUY", "1").then().statusCode(201);

        evaluate("strategy:momo", List.of("CONFIRMATION_MISSING")).then().statusCode(200);
        strategyOrder("momo").then().statusCode(423).body("details.reasons", contains("CONFIRMATION_MISSING"))
                .body("details.gates.'strategy:momo'", contains("CONFIRMATION_MISSING"));
        strategyOrder("other-strategy").then().statusCode(201); // not a gated strategy: the venue gate is open
        evaluate("strategy:momo", List.of()).then().statusCode(200);
        strategyOrder("momo").then().statusCode(201);

        assertThat(support.count("SELECT count(*) FROM audit_log WHERE action = 'TRADING_GATE_OPENED'")).isEqualTo(2);
        assertThat(support.count("SELECT count(*) FROM audit_log WHERE action = 'TRADING_GATE_CLOSED'")).isEqualTo(2);
        evaluate("venue:paper", List.of()).then().statusCode(200).body("changed", equalTo(false));
    }

    @Test
    void whileAGateIsClosedCancelsAndReduceOnlyOrdersPass() {
        evaluate("venue:paper", List.of()).then().statusCode(200);
        String bought = Orders.market(admin, "AAPL", "BUY", "2").then().statusCode(201).extract().path("id");
        Awaitility.await().atMost(GatewayTestSupport.WAIT).until(() -> "FILLED".equals(
                as(admin).get("/api/v1/orders/" + bought).then().extract().path("status")));
        Awaitility.await().atMost(GatewayTestSupport.WAIT).until(() -> "200000000".equals(support.redis().hash(String.class)
                .hget(support.keys().exposure("AAPL"), "pos").await().atMost(GatewayTestSupport.WAIT)));
        String resting = Orders.limit(admin, "AAPL", "BUY", "1", support.priceAway("AAPL", 400))
                .then().statusCode(201).extract().path("id");
        Awaitility.await().atMost(GatewayTestSupport.WAIT).until(() -> PaperVenue.openOrders() == 1);

        evaluate("venue:paper", List.of("RECONCILIATION_FAIL")).then().statusCode(200);
        Orders.market(admin, "AAPL", "BUY", "1").then().statusCode(423);
        Orders.reduceOnlyMarket(admin, "AAPL", "SELL", "1").then().statusCode(201);
        as(admin).delete("/api/v1/orders/" + resting).then().statusCode(200);
    }

    @Test
    void aGateKeyLostFromRedisFailsClosed() {
        evaluate("venue:paper", List.of()).then().statusCode(200);
        Orders.market(admin, "AAPL", "BUY", "1").then().statusCode(201);

        support.redis().key(String.class).del(support.keys().tradingGate("venue:paper")).await().atMost(GatewayTestSupport.WAIT);

        Orders.market(admin, "AAPL", "BUY", "1").then().statusCode(423).body("details.reasons", contains("GATE_STATE_UNKNOWN"));
    }

    @Test
    void anEvaluationHoldsUntilTheEndOfItsTradingDayInTheDesksZone() {
        ZoneId london = ZoneId.of("Europe/London");
        Instant endOfToday = TradingGateState.endOfDay(LocalDate.now(london), london);
        evaluate("venue:paper", List.of()).then().statusCode(200).body("gate.state", equalTo("OPEN"))
                .body("gate.valid_until", equalTo(endOfToday.toString()));
    }

    @Test
    void anOpenGateOfYesterdayRefusesNewRiskTodayUntilTodaysChecksHaveRun() {
        // what the clock moving on by a day does to yesterday's passing evaluation: its trading day has ended
        Instant yesterday = Instant.now().minus(Duration.ofDays(1));
        ZoneId london = ZoneId.of("Europe/London");
        TradingGateState ofYesterday = new TradingGateState(true, List.of(), yesterday,
                TradingGateState.endOfDay(LocalDate.ofInstant(yesterday, london), london), "desk", "run-yesterday", 0);
        controlState.apply(ControlChanges.evaluateTradingGate("venue:paper", ofYesterday)).await().atMost(GatewayTestSupport.WAIT);

        Orders.market(admin, "AAPL", "BUY", "1").then().statusCode(423).body("code", equalTo("TRADING_GATE_CLOSED"))
                .body("details.reasons", contains(TradingGateState.EXPIRED))
                .body("details.gates.'venue:paper'", contains(TradingGateState.EXPIRED));
        as(admin).get("/api/v1/trading-gates").then().statusCode(200)
                .body("[0].state", equalTo("CLOSED")).body("[0].reasons", contains(TradingGateState.EXPIRED));

        evaluate("venue:paper", List.of()).then().statusCode(200).body("gate.state", equalTo("OPEN"));
        Orders.market(admin, "AAPL", "BUY", "1").then().statusCode(201);
    }

    @Test
    void anOpenGateWithoutATradingDayIsClosed() {
        // a value written before gates had a trading day (or by hand) must not open trading for ever
        support.redis().value(String.class).set(support.keys().tradingGate("venue:paper"),
                "{\"open\":true,\"reasons\":[],\"evaluated_at\":\"2026-01-01T00:00:00Z\",\"evaluated_by\":\"x\",\"version\":1}")
                .await().atMost(GatewayTestSupport.WAIT);
        Orders.market(admin, "AAPL", "BUY", "1").then().statusCode(423).body("details.reasons", contains(TradingGateState.EXPIRED));
    }

    @Test
    void badEvaluationsAre400AndNeedConfigWrite() {
        evaluate("desk", List.of()).then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                .body("details.fields.scope", not(equalTo(null)));
        evaluate("venue:paper", List.of("NOT_A_REASON")).then().statusCode(400).body("details.fields.reasons", not(equalTo(null)));
        as(admin).body(Map.of("run_id", "r1")).put("/api/v1/trading-gates/venue:paper").then().statusCode(400);
        as(support.key(ApiKeyScope.ORDERS_READ)).body(Map.of("reasons", List.of())).put("/api/v1/trading-gates/venue:paper")
                .then().statusCode(403);
        as(admin).get("/api/v1/trading-gates").then().body("[0].state", equalTo("UNKNOWN"));
    }

    private Response evaluate(String scope, List<String> reasons) {
        return as(admin).body(Map.of("reasons", reasons, "run_id", "test-run")).put("/api/v1/trading-gates/" + scope);
    }

    private Response strategyOrder(String strategy) {
        return Orders.submit(admin, Map.of("symbol", "MSFT", "side", "buy", "qty", 1, "type", "market",
                "strategy_id", strategy, "confidence", 0.9, "artifact_id", io.tripwire.gateway.support.TestArtifacts.approved(pool, strategy)));
    }
}

package io.tripwire.gateway.admission;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.tripwire.controlplane.control.ControlChanges;
import io.tripwire.controlplane.control.ControlStateService;
import io.tripwire.controlplane.state.KillSwitchMode;
import io.tripwire.gateway.breaker.RecentTrip;
import io.tripwire.gateway.support.AlpacaStub;
import io.tripwire.gateway.support.Tradeable;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admission decision of DESIGN.md §4, end to end through the API, against real Redis and PostgreSQL. */
@QuarkusTest
@WithTestResource(AlpacaStub.class)
class AdmissionTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject Tradeable tradeable;
    @Inject ControlStateService controlState;
    @Inject Clock clock;
    @Inject RecentTrip recentTrip;
    @Inject io.vertx.mutiny.sqlclient.Pool pool;
    private String key;

    @BeforeEach
    void tradeableStores() {
        tradeable.reset();
        AlpacaStub.stubDefaults();
        key = tradeable.key();
    }

    @Test
    void anAdmittedOrderIsDurableBeforeTheVenueAndThenSentOnce() {
        Response created = submit(Map.of("symbol", "AAPL", "side", "buy", "qty", "10", "type", "market",
                "client_order_id", "c-1"));

        created.then().statusCode(201).body("status", equalTo("NEW")).body("client_order_id", equalTo("c-1"))
                .body("id", notNullValue());
        await().atMost(WAIT).untilAsserted(() ->
                AlpacaStub.server().verify(1, postRequestedFor(urlPathEqualTo("/v2/orders"))));
        String id = created.path("id");
        await().atMost(WAIT).untilAsserted(() -> given().header("X-API-Key", key).get("/api/v1/orders/" + id)
                .then().body("status", equalTo("ACCEPTED")).body("venue_order_id", notNullValue()));
        assertThat(tradeable.count("SELECT count(*) FROM order_events WHERE event = 'CREATED'")).isEqualTo(1);
    }

    @Test
    void aTrippedBreakerRefusesEveryOrderWith423() {
        controlState.apply(ControlChanges.tripBreaker("manual trip for the test", Map.of(), "test", clock.instant()))
                .await().atMost(WAIT);

        submit(order("AAPL", "buy", "1")).then().statusCode(423).body("code", equalTo("CIRCUIT_BREAKER_TRIPPED"));
        tradeable.position("AAPL", 5);
        submit(reduceOnly("AAPL", "sell", "1")).then().statusCode(423).body("code", equalTo("CIRCUIT_BREAKER_TRIPPED"));
        assertNothingSent();
    }

    @Test
    void anActiveKillSwitchRefusesRiskButLetsReduceOnlyThrough() {
        controlState.apply(ControlChanges.activateKillSwitch(KillSwitchMode.HALT_ONLY, "halt for the test", "test",
                clock.instant())).await().atMost(WAIT);
        tradeable.position("AAPL", 5);

        submit(order("AAPL", "buy", "1")).then().statusCode(423).body("code", equalTo("KILL_SWITCH_ACTIVE"));
        submit(reduceOnly("AAPL", "sell", "2")).then().statusCode(201);
    }

    @Test
    void aQuarantinedSymbolRefusesNewRiskOnlyInThatSymbol() {
        controlState.apply(ControlChanges.quarantine("*", "MSFT", "orphan at venue", "test")).await().atMost(WAIT);

        submit(order("MSFT", "buy", "1")).then().statusCode(423).body("code", equalTo("SYMBOL_QUARANTINED"));
        submit(order("AAPL", "buy", "1")).then().statusCode(201);
    }

    @Test
    void theQuietPeriodAndAnUnfinishedReconciliationAdmitOnlyReduceOnly() {
        controlState.apply(ControlChanges.tripBreaker("trip before the quiet period", Map.of(), "test", clock.instant()))
                .await().atMost(WAIT);
        controlState.apply(ControlChanges.resetBreaker("markets are calm again, resetting", "test", clock.instant(),
                clock.instant().plusSeconds(60))).await().atMost(WAIT);
        // reset behind the gateway's back, as another replica would: its probe may have seen the trip
        // (refusing locally for the cache window, ADR 0031); this test is about what the script decides
        recentTrip.sawNotTripped();
        tradeable.position("SPY", 3);

        submit(order("SPY", "buy", "1")).then().statusCode(422).body("code", equalTo("REDUCE_ONLY_REQUIRED"));
        submit(reduceOnly("SPY", "sell", "1")).then().statusCode(201);

        tradeable.redis().value(String.class).set(tradeable.keys().reconciliationState(),
                "{\"state\":\"RUNNING\",\"run_id\":\"r\",\"started_at\":null,\"finished_at\":null}").await().atMost(WAIT);
        submit(reduceOnly("SPY", "sell", "1")).then().statusCode(201);
        submit(reduceOnly("SPY", "sell", "5")).then().statusCode(422).body("code", equalTo("REDUCE_ONLY_REQUIRED"));
    }

    @Test
    void riskLimitsRefuseWith422AndTheirCode() {
        submit(order("AAPL", "buy", "20000")).then().statusCode(422).body("code", equalTo("FAT_FINGER"));
        submit(Map.of("symbol", "AAPL", "side", "buy", "qty", "1", "type", "limit", "limit_price", "150"))
                .then().statusCode(422).body("code", equalTo("PRICE_COLLAR"));
        tradeable.position("AAPL", 9_999);
        submit(order("AAPL", "buy", "5000")).then().statusCode(422).body("code", equalTo("SYMBOL_CAP"));
        tradeable.position("ETHUSD", 99_999);
        tradeable.price("ETHUSD", "1");
        submit(order("ETHUSD", "buy", "5")).then().statusCode(422).body("code", equalTo("POSITION_LIMIT"));
        assertNothingSent();
    }

    @Test
    void aMissingOrStalePriceRefusesTheOrderInsteadOfSkippingTheCheck() {
        tradeable.redis().key().del(tradeable.keys().marketDataLast("AAPL")).await().atMost(WAIT);
        submit(order("AAPL", "buy", "1")).then().statusCode(422).body("code", equalTo("MARKET_PRICE_UNAVAILABLE"));

        tradeable.redis().hash(String.class).hset(tradeable.keys().marketDataLast("MSFT"), Map.of("last", "100",
                "ts_ms", Long.toString(clock.millis() - 60_000))).await().atMost(WAIT);
        submit(order("MSFT", "buy", "1")).then().statusCode(422).body("code", equalTo("MARKET_PRICE_UNAVAILABLE"));
        assertNothingSent();
    }

    @Test
    void lowConfidenceIsA412() {
        submit(Map.of("symbol", "AAPL", "side", "buy", "qty", "1", "type", "market", "strategy_id", "s1",
                "confidence", "0.5")).then().statusCode(412).body("code", equalTo("LOW_CONFIDENCE"));
        submit(Map.of("symbol", "AAPL", "side", "buy", "qty", "1", "type", "market", "strategy_id", "s1"))
                .then().statusCode(412).body("code", equalTo("LOW_CONFIDENCE"));
        submit(Map.of("symbol", "AAPL", "side", "buy", "qty", "1", "type", "market", "strategy_id", "s1",
                "confidence", "0.9", "artifact_id", io.tripwire.gateway.support.TestArtifacts.approved(pool, "s1")))
                .then().statusCode(201);
    }

    @Test
    void theSameKeyAndBodyGiveTheOriginalAndADifferentBodyIsA409() {
        String first = submit(Map.of("symbol", "AAPL", "side", "buy", "qty", "1", "type", "market",
                "client_order_id", "same")).then().statusCode(201).extract().path("id");

        submit(Map.of("symbol", "AAPL", "side", "buy", "qty", "1", "type", "market", "client_order_id", "same"))
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(first));
        submit(Map.of("symbol", "AAPL", "side", "buy", "qty", "2", "type", "market", "client_order_id", "same"))
                .then().statusCode(409).body("code", equalTo("IDEMPOTENCY_CONFLICT"));
        given().header("X-API-Key", key).header("Idempotency-Key", "same").contentType(ContentType.JSON)
                .body(Map.of("symbol", "AAPL", "side", "buy", "qty", "1", "type", "market")).post("/api/v1/orders")
                .then().statusCode(201).body("id", equalTo(first));
        assertThat(tradeable.count("SELECT count(*) FROM orders")).isEqualTo(1);
    }

    @Test
    void theAdmissionScriptIsLoadedAgainAfterRedisForgetsIt() {
        submit(order("AAPL", "buy", "1")).then().statusCode(201);
        tradeable.redis().execute("SCRIPT", "FLUSH").await().atMost(WAIT);

        submit(order("AAPL", "buy", "1")).then().statusCode(201);
    }

    @Test
    void everyRejectIsCountedByReason() {
        tradeable.redis().key().del(tradeable.keys().marketDataLast("AAPL")).await().atMost(WAIT);
        submit(order("AAPL", "buy", "1")).then().statusCode(422);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern(
                "execution_gateway_orders_total\\{[^}]*reason=\"MARKET_PRICE_UNAVAILABLE\"[^}]*status=\"REJECTED\"[^}]*} [1-9]");
        assertThat(metrics).contains("execution_gateway_request_duration_seconds_bucket");
    }

    /** This test's client order ids share a prefix, so a late venue call of another test cannot blur the count. */
    private final String run = "adm-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    private int sequence;

    private Response submit(Map<String, String> body) {
        Map<String, String> keyed = new java.util.HashMap<>(body);
        keyed.putIfAbsent("client_order_id", run + "-" + sequence++);
        return given().header("X-API-Key", key).contentType(ContentType.JSON).body(keyed).post("/api/v1/orders");
    }

    private static Map<String, String> order(String symbol, String side, String qty) {
        return Map.of("symbol", symbol, "side", side, "qty", qty, "type", "market");
    }

    private static Map<String, String> reduceOnly(String symbol, String side, String qty) {
        return Map.of("symbol", symbol, "side", side, "qty", qty, "type", "market", "reduce_only", "true");
    }

    private void assertNothingSent() {
        AlpacaStub.server().verify(0, postRequestedFor(urlPathEqualTo("/v2/orders"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(run)));
    }
}

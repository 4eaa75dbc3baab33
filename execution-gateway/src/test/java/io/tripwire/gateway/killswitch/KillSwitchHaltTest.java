package io.tripwire.gateway.killswitch;

import static io.tripwire.gateway.support.GatewayTestSupport.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.tripwire.controlplane.auth.ApiKeyScope;
import io.tripwire.controlplane.order.Order;
import io.tripwire.controlplane.order.OrderRepository;
import io.tripwire.controlplane.order.OrderStatus;
import io.tripwire.controlplane.order.OrderType;
import io.tripwire.controlplane.order.Side;
import io.tripwire.controlplane.order.TimeInForce;
import io.tripwire.gateway.support.GatewayTestSupport;
import io.tripwire.gateway.support.Metrics;
import io.tripwire.gateway.support.Orders;
import io.tripwire.gateway.support.PaperVenue;
import io.tripwire.gateway.support.PaperVenueResource;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PaperVenueResource.class)
class KillSwitchHaltTest {

    @Inject GatewayTestSupport support;
    @Inject Pool pool;
    @Inject OrderRepository orders;
    String admin;

    @BeforeEach
    void tradeable() {
        admin = support.tradeable();
    }

    @Test
    void haltOnlyBlocksRiskIncreasingOrdersAndCancelsEveryWorkingOrderAtTheVenue() {
        String buy = Orders.limit(admin, "AAPL", "BUY", "1", support.priceAway("AAPL", 400)).then().statusCode(201)
                .extract().path("id");
        String sell = Orders.limit(admin, "MSFT", "SELL", "1", support.priceAway("MSFT", -400)).then().statusCode(201)
                .extract().path("id");
        Awaitility.await().atMost(GatewayTestSupport.WAIT).until(() -> PaperVenue.openOrders() == 2);
        double activationsBefore = Metrics.value("kill_switch_activations_total", "mode=\"HALT_ONLY\"");

        as(admin).body(Map.of("mode", "HALT_ONLY", "reason", "Emergency stop")).post("/api/kill-switch")
                .then().statusCode(200).body("changed", equalTo(true)).body("kill_switch.mode", equalTo("HALT_ONLY"))
                .body("cancel.requested", equalTo(2));

        assertThat(PaperVenue.openOrders()).isZero();
        Awaitility.await().atMost(GatewayTestSupport.WAIT).untilAsserted(() -> {
            as(admin).get("/api/v1/orders/" + buy).then().body("status", equalTo("CANCELED"));
            as(admin).get("/api/v1/orders/" + sell).then().body("status", equalTo("CANCELED"));
        });
        Orders.market(admin, "AAPL", "BUY", "1").then().statusCode(423).body("code", equalTo("KILL_SWITCH_ACTIVE"));
        assertThat(support.count("SELECT count(*) FROM kill_switch_events WHERE event = 'ACTIVATE' AND mode = 'HALT_ONLY' "
                + "AND is_activation AND reason = 'Emergency stop'")).isEqualTo(1);
        assertThat(support.count("SELECT count(*) FROM kill_switch_events WHERE event = 'CANCEL_ALL' "
                + "AND (details->>'requested')::int = 2")).isEqualTo(1);
        assertThat(Metrics.value("kill_switch_activations_total", "mode=\"HALT_ONLY\"")).isEqualTo(activationsBefore + 1);
        Awaitility.await().atMost(GatewayTestSupport.WAIT).until(() -> Metrics.value("kill_switch_active", "") == 1);
    }

    @Test
    void reduceOnlyOrdersStillPassWhileHalted() {
        Orders.market(admin, "AAPL", "BUY", "2").then().statusCode(201);
        Awaitility.await().atMost(GatewayTestSupport.WAIT)
                .until(() -> new BigDecimal("2").compareTo(PaperVenue.positions().getOrDefault("AAPL", BigDecimal.ZERO)) == 0);
        as(admin).body(Map.of("mode", "HALT_ONLY", "reason", "Emergency stop")).post("/api/kill-switch").then().statusCode(200);

        Awaitility.await().atMost(GatewayTestSupport.WAIT).untilAsserted(() ->
                Orders.reduceOnlyMarket(admin, "AAPL", "SELL", "1").then().statusCode(201));
        Orders.market(admin, "AAPL", "SELL", "5").then().statusCode(423);
    }

    @Test
    void aRiskIncreasingOrderThatReachesTheVenueAfterTheCancelAllIsCanceledToo() {
        as(admin).body(Map.of("mode", "HALT_ONLY", "reason", "race drill")).post("/api/kill-switch").then().statusCode(200);

        // An order whose submit passed its last control check just before the switch came on lands afterwards.
        String clientOrderId = "late-" + UUID.randomUUID();
        String limit = support.priceAway("AAPL", 400);
        String venueOrderId = PaperVenue.alpaca().contentType(ContentType.JSON)
                .body(Map.of("symbol", "AAPL", "qty", "1", "side", "buy", "type", "limit", "time_in_force", "gtc",
                        "limit_price", limit, "client_order_id", clientOrderId))
                .post("/v2/orders").then().statusCode(200).extract().path("id");
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        var late = new Order(id, clientOrderId, "hash", null, null, null, "AAPL",
                Side.BUY, OrderType.LIMIT,
                TimeInForce.GTC, BigDecimal.ONE, new BigDecimal(limit), new BigDecimal(limit),
                false, null, OrderStatus.ACCEPTED, BigDecimal.ZERO, null, "paper", venueOrderId,
                null, null, "api", now, now);
        pool.withTransaction(tx -> orders.insert(tx, late, "test")).await().atMost(GatewayTestSupport.WAIT);
        assertThat(PaperVenue.openOrders()).isEqualTo(1);

        Awaitility.await().atMost(GatewayTestSupport.WAIT).until(() -> PaperVenue.openOrders() == 0);
        Awaitility.await().atMost(GatewayTestSupport.WAIT).untilAsserted(() ->
                as(admin).get("/api/v1/orders/" + id).then().body("status", equalTo("CANCELED")));
    }

    @Test
    void theSwitchIsLatchedEscalatesToClosePositionsAndNeverDowngrades() {
        as(admin).body(Map.of("mode", "HALT_ONLY", "reason", "first halt")).post("/api/kill-switch").then().statusCode(200);
        as(admin).body(Map.of("mode", "CLOSE_POSITIONS", "reason", "now flatten")).post("/api/kill-switch")
                .then().statusCode(200).body("changed", equalTo(true)).body("kill_switch.mode", equalTo("CLOSE_POSITIONS"));
        as(admin).body(Map.of("mode", "HALT_ONLY", "reason", "try to downgrade")).post("/api/kill-switch")
                .then().statusCode(200).body("changed", equalTo(false)).body("kill_switch.mode", equalTo("CLOSE_POSITIONS"))
                .body("kill_switch.reason", equalTo("now flatten"));

        assertThat(support.killSwitch().mode().name()).isEqualTo("CLOSE_POSITIONS");
        assertThat(support.count("SELECT count(*) FROM kill_switch_events WHERE event = 'ESCALATE' AND mode = 'CLOSE_POSITIONS'"))
                .isEqualTo(1);
        Awaitility.await().atMost(GatewayTestSupport.WAIT).untilAsserted(() ->
                as(admin).get("/api/kill-switch").then().body("flat", equalTo(true)));
    }

    @Test
    void deactivationNeedsAReasonThenTradingResumes() {
        as(admin).body(Map.of("mode", "HALT_ONLY", "reason", "drill")).post("/api/v1/kill-switch").then().statusCode(200);

        // seed 004's `curl -X DELETE .../api/kill-switch`: no body, no content type
        RestAssured.given().header("X-API-Key", admin).delete("/api/kill-switch")
                .then().statusCode(400).body("details.fields.reason", notNullValue());
        RestAssured.given().header("X-API-Key", admin).queryParam("reason", "drill over").delete("/api/v1/kill-switch")
                .then().statusCode(200).body("changed", equalTo(true)).body("kill_switch.active", equalTo(false));

        assertThat(support.count("SELECT count(*) FROM kill_switch_events WHERE event = 'DEACTIVATE' AND NOT is_activation "
                + "AND mode = 'HALT_ONLY' AND reason = 'drill over'")).isEqualTo(1);
        assertThat(support.count("SELECT count(*) FROM audit_log WHERE action = 'KILL_SWITCH_DEACTIVATE'")).isEqualTo(1);
        Orders.market(admin, "AAPL", "BUY", "1").then().statusCode(201);
    }

    @Test
    void theKillSwitchNeedsItsScopeAndReadingItNeedsOrdersRead() {
        String reader = support.key(ApiKeyScope.ORDERS_READ);
        as(reader).body(Map.of("mode", "HALT_ONLY", "reason", "not allowed")).post("/api/kill-switch").then().statusCode(403);
        as(reader).body(Map.of("reason", "not allowed")).delete("/api/kill-switch").then().statusCode(403);
        as(reader).get("/api/kill-switch").then().statusCode(200).body("active", equalTo(false)).body("available", equalTo(true));
        as(admin).body(Map.of("reason", "no mode")).post("/api/kill-switch").then().statusCode(400)
                .body("details.fields.mode", notNullValue());
        as(admin).body(Map.of("mode", "PANIC", "reason", "bad mode")).post("/api/kill-switch").then().statusCode(400);
        assertThat(support.killSwitch().active()).isFalse();
    }
}

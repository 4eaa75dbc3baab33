package io.tripwire.reconciler.run;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tripwire.controlplane.control.ControlChanges;
import io.tripwire.controlplane.control.ControlStateService;
import io.tripwire.controlplane.order.OrderStatus;
import io.tripwire.controlplane.order.Side;
import io.tripwire.controlplane.state.KillSwitchMode;
import io.tripwire.reconciler.support.Stores;
import io.tripwire.reconciler.support.VenueStub;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whole runs against the real stores and a stubbed venue: the gate, order resolution, control-key
 * restore and exposure rebuild, and a venue that cannot be read.
 */
@QuarkusTest
@QuarkusTestResource(VenueStub.class)
class ReconciliationRunTest {

    @Inject Stores stores;
    @Inject ControlStateService control;
    @Inject ControlStateWatch watch;
    String admin;

    @BeforeEach
    void cleanStores() {
        stores.reset();
        VenueStub.empty();
        admin = stores.key();
    }

    String run() {
        return given().header("X-API-Key", admin).post("/api/v1/reconciliation/run")
                .then().statusCode(200).extract().path("state");
    }

    @Test
    void anEmptyDiffIsReadyAndEveryUniverseSymbolGetsAFlatExposureHash() {
        assertThat(run()).isEqualTo("READY");

        assertThat(stores.get("reconciliation:state")).contains("\"state\":\"READY\"");
        for (String symbol : new String[] {"AAPL", "MSFT", "SPY", "BTCUSD", "ETHUSD"}) {
            assertThat(stores.hget("exposure:" + symbol, "pos")).as(symbol).isEqualTo("0");
            assertThat(stores.hget("exposure:" + symbol, "wbuy")).isEqualTo("0");
            assertThat(stores.hget("exposure:" + symbol, "wsell")).isEqualTo("0");
        }
        assertThat(stores.count("SELECT count(*) FROM reconciliation_runs WHERE state = 'READY' AND duration_ms >= 0")).isEqualTo(1);
        given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("reconciliation_last_success_timestamp_seconds"))
                .body(org.hamcrest.Matchers.containsString("reconciliation_duration_seconds_count"));
    }

    @Test
    void aMissingExposureHashAloneStartsARecoveryRunThatWritesItBack() {
        assertThat(run()).isEqualTo("READY");
        stores.delete("exposure:AAPL");

        watch.tick().await().atMost(Duration.ofSeconds(10));

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> stores.hget("exposure:AAPL", "pos") != null);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> stores.count(
                "SELECT count(*) FROM reconciliation_runs WHERE trigger = 'RECOVERY' AND state = 'READY'") == 1);
    }

    @Test
    void aFailedRunIsTriedAgainOnceTheFailureIsOldEnough() {
        assertThat(run()).isEqualTo("READY"); // exposure hashes in place: only the failure can start a run
        VenueStub.failOrders(503);
        assertThat(run()).isEqualTo("FAILED");
        VenueStub.empty();

        watch.tick().await().atMost(Duration.ofSeconds(10));
        assertThat(stores.get("reconciliation:state")).as("too recent to retry").contains("\"state\":\"FAILED\"");

        stores.set("reconciliation:state", stores.get("reconciliation:state")
                .replaceFirst("\"finished_at\":\"[^\"]*\"", "\"finished_at\":\"2020-01-01T00:00:00Z\""));
        watch.tick().await().atMost(Duration.ofSeconds(10));

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                stores.get("reconciliation:state").contains("\"state\":\"READY\""));
    }

    @Test
    void unknownOrdersAreResolvedFromTheVenueAndOnesItDoesNotKnowAreRejectedAfterTheGracePeriod() {
        Instant old = Instant.now().minusSeconds(30);
        stores.order("unk-filled", "AAPL", Side.BUY, "10", OrderStatus.UNKNOWN, "0", old);
        stores.order("sub-missing", "MSFT", Side.BUY, "5", OrderStatus.SUBMITTED, "0", old);
        stores.order("unk-young", "SPY", Side.BUY, "3", OrderStatus.UNKNOWN, "0", Instant.now().plusSeconds(30));
        stores.order("working", "SPY", Side.SELL, "2", OrderStatus.ACCEPTED, "0", old);
        VenueStub.orders(VenueStub.order("unk-filled", "AAPL", "buy", "10", "10", "filled"),
                VenueStub.order("working", "SPY", "sell", "2", "0", "accepted"));
        VenueStub.positions(VenueStub.position("AAPL", "10"));

        assertThat(run()).isEqualTo("READY");

        assertThat(stores.find("unk-filled").status()).isEqualTo(OrderStatus.FILLED);
        assertThat(stores.find("unk-filled").filledQty()).isEqualByComparingTo("10");
        var missing = stores.find("sub-missing");
        assertThat(missing.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(missing.rejectCode()).isEqualTo("NOT_FOUND_AT_VENUE");
        assertThat(stores.text("SELECT details->>'provenance' FROM order_events e JOIN orders o ON o.id = e.order_id "
                + "WHERE o.client_order_id = 'sub-missing' AND e.status = 'REJECTED'")).isEqualTo("reconciliation");
        assertThat(stores.find("unk-young").status()).as("inside the grace period").isEqualTo(OrderStatus.UNKNOWN);
        assertThat(VenueStub.requests("/v2/orders:by_client_order_id")).as("one lookup each").isEqualTo(2);
        // exposure: the fill is in the position, the working orders are reserved
        assertThat(stores.hget("exposure:AAPL", "pos")).isEqualTo("1000000000");
        assertThat(stores.hget("exposure:AAPL", "wbuy")).isEqualTo("0");
        assertThat(stores.hget("exposure:SPY", "wbuy")).isEqualTo("300000000");
        assertThat(stores.hget("exposure:SPY", "wsell")).isEqualTo("200000000");
        assertThat(stores.get("circuit_breaker:state")).as("fills explain the position").contains("\"state\":\"OPEN\"");
        assertThat(stores.text("SELECT quantity FROM positions WHERE symbol = 'AAPL'")).isEqualTo("10.00000000");
    }

    @Test
    void aVenueThatCannotBeReadFailsTheRunAndTheGateStaysClosed() {
        VenueStub.failOrders(503);

        assertThat(run()).isEqualTo("FAILED");

        assertThat(stores.get("reconciliation:state")).contains("\"state\":\"FAILED\"");
        assertThat(stores.text("SELECT failure_reason FROM reconciliation_runs")).contains("venue");
        assertThat(stores.alerts()).anyMatch(a -> a.startsWith("CRITICAL Reconciliation failed"));
    }

    @Test
    void afterRedisLostEverythingTheKillSwitchComesBackActiveAndTheBreakerAsPostgresSaysIt() {
        control.apply(ControlChanges.activateKillSwitch(KillSwitchMode.HALT_ONLY, "operator halted the desk", "test",
                Instant.now())).await().atMost(Duration.ofSeconds(5));
        assertThat(run()).isEqualTo("READY");
        stores.flushRedis();

        assertThat(run()).isEqualTo("READY");

        assertThat(stores.get("kill_switch:state")).contains("\"active\":true");
        assertThat(stores.get("circuit_breaker:state")).contains("\"state\":\"OPEN\"");
        assertThat(stores.hget("exposure:BTCUSD", "pos")).isEqualTo("0");
        given().header("X-API-Key", admin).get("/api/v1/reconciliation/status").then().statusCode(200)
                .body("state", equalTo("READY")).body("this_instance_active", equalTo(true));
    }

    @Test
    void aTradingGateLostFromRedisIsRestoredAsPostgresHasItClosedGatesFirst() {
        control.apply(ControlChanges.evaluateTradingGate("venue:paper", new io.tripwire.controlplane.state.TradingGateState(
                false, java.util.List.of("RECONCILIATION_REQUIRED"), Instant.now(), Instant.now().plusSeconds(3600), "test",
                "run-1", 0)))
                .await().atMost(Duration.ofSeconds(5));
        stores.delete("trading_gate:venue:paper");

        assertThat(run()).isEqualTo("READY");

        assertThat(stores.get("trading_gate:venue:paper")).contains("\"open\":false").contains("RECONCILIATION_REQUIRED");
    }
}

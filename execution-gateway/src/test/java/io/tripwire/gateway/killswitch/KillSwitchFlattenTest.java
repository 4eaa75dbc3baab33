package io.tripwire.gateway.killswitch;

import static io.tripwire.gateway.support.GatewayTestSupport.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tripwire.controlplane.control.ControlChanges;
import io.tripwire.controlplane.control.ControlStateService;
import io.tripwire.controlplane.state.KillSwitchMode;
import io.tripwire.gateway.support.GatewayTestSupport;
import io.tripwire.gateway.support.Orders;
import io.tripwire.gateway.support.PaperVenue;
import io.tripwire.gateway.support.PaperVenueResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PaperVenueResource.class)
class KillSwitchFlattenTest {

    @Inject GatewayTestSupport support;
    @Inject ControlStateService controlState;
    @Inject Pool pool;
    @Inject Clock clock;
    String admin;

    @BeforeEach
    void tradeable() {
        admin = support.tradeable();
    }

    @Test
    void closePositionsLeavesTheVenueFlatWithProtectedReduceOnlyLimitOrders() {
        Map<String, BigDecimal> opened = open(Map.of("AAPL", "3", "MSFT", "2", "SPY", "-1"));

        as(admin).body(Map.of("mode", "CLOSE_POSITIONS", "reason", "Market crash")).post("/api/kill-switch")
                .then().statusCode(200).body("kill_switch.mode", equalTo("CLOSE_POSITIONS"));

        awaitFlat(Duration.ofSeconds(30));
        assertFlattenedExactly(opened);
        assertThat(support.count("SELECT count(*) FROM orders WHERE provenance = 'kill-switch' AND "
                + "(order_type <> 'LIMIT' OR NOT reduce_only OR limit_price IS NULL OR client_order_id NOT LIKE 'ks-%')")).isZero();
        assertThat(support.count("SELECT count(*) FROM kill_switch_events WHERE event = 'FLATTEN_ORDER'")).isGreaterThanOrEqualTo(3);
        Awaitility.await().atMost(GatewayTestSupport.WAIT).untilAsserted(() -> {
            assertThat(support.count("SELECT count(*) FROM kill_switch_events WHERE event = 'FLATTEN_COMPLETE'")).isEqualTo(1);
            as(admin).get("/api/kill-switch").then().body("flat", equalTo(true));
        });
    }

    @Test
    void closePositionsGetsFlatThroughVenueErrorsAndLostAnswersWithoutEverDoubling() throws InterruptedException {
        Map<String, BigDecimal> opened = open(Map.of("AAPL", "4", "MSFT", "-2"));
        PaperVenue.faults(admin, Map.of("error_rate", 0.5, "accept_then_timeout_rate", 0.3, "seed", 7));

        as(admin).body(Map.of("mode", "CLOSE_POSITIONS", "reason", "Market crash with a flaky venue"))
                .post("/api/kill-switch").then().statusCode(200);
        Thread.sleep(8_000);
        PaperVenue.clearFaults(admin);

        awaitFlat(Duration.ofSeconds(60));
        assertFlattenedExactly(opened);
        Thread.sleep(4_000); // any late fill would now show as a reversed position
        assertThat(PaperVenue.positions().values()).allMatch(q -> q.signum() == 0);
        assertFlattenedExactly(opened);
    }

    @Test
    void aStoredClosePositionsSwitchIsCarriedOutWithoutTheApiAsAfterARestart() {
        Map<String, BigDecimal> opened = open(Map.of("ETHUSD", "0.5"));

        controlState.apply(ControlChanges.activateKillSwitch(KillSwitchMode.CLOSE_POSITIONS, "set by another replica",
                "test", clock.instant())).await().atMost(GatewayTestSupport.WAIT);

        awaitFlat(Duration.ofSeconds(30));
        assertFlattenedExactly(opened);
    }

    /** Opens positions through the gateway (so its exposure ledger knows them) and waits until the venue has them. */
    private Map<String, BigDecimal> open(Map<String, String> positions) {
        Map<String, BigDecimal> expected = new HashMap<>();
        positions.forEach((symbol, qty) -> {
            BigDecimal signed = new BigDecimal(qty);
            Orders.market(admin, symbol, signed.signum() > 0 ? "BUY" : "SELL", signed.abs().toPlainString()).then().statusCode(201);
            expected.put(symbol, signed);
        });
        Awaitility.await().atMost(GatewayTestSupport.WAIT).until(() -> {
            Map<String, BigDecimal> atVenue = PaperVenue.positions();
            return expected.entrySet().stream().allMatch(e -> e.getValue().compareTo(atVenue.getOrDefault(e.getKey(),
                    BigDecimal.ZERO)) == 0);
        });
        return expected;
    }

    private static void awaitFlat(Duration within) {
        Awaitility.await().atMost(within).pollInterval(Duration.ofMillis(500))
                .until(() -> PaperVenue.positions().values().stream().allMatch(q -> q.signum() == 0));
    }

    /**
     * Per symbol, the kill switch's orders filled exactly the opened quantity on the closing side: never more.
     * The gateway learns of fills shortly after the venue, so this waits for it to catch up.
     */
    private void assertFlattenedExactly(Map<String, BigDecimal> opened) {
        Awaitility.await().atMost(GatewayTestSupport.WAIT).untilAsserted(() -> assertFlattenFills(opened));
    }

    private void assertFlattenFills(Map<String, BigDecimal> opened) {
        Map<String, BigDecimal> filled = new HashMap<>();
        for (Row row : pool.query("SELECT symbol, side, sum(filled_qty) AS filled FROM orders WHERE provenance = 'kill-switch' "
                + "GROUP BY symbol, side").execute().await().atMost(GatewayTestSupport.WAIT)) {
            BigDecimal qty = row.getBigDecimal("filled");
            filled.merge(row.getString("symbol"), "SELL".equals(row.getString("side")) ? qty : qty.negate(), BigDecimal::add);
        }
        opened.forEach((symbol, qty) -> assertThat(filled.getOrDefault(symbol, BigDecimal.ZERO))
                .as("flatten fills of " + symbol).isEqualByComparingTo(qty));
    }
}

package io.tripwire.gateway.breaker;

import static io.tripwire.gateway.support.GatewayTestSupport.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tripwire.gateway.support.GatewayTestSupport;
import io.tripwire.gateway.support.Metrics;
import io.tripwire.gateway.support.Orders;
import io.tripwire.gateway.support.PaperVenueResource;
import jakarta.inject.Inject;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The metric names the runbooks, alert rules and dashboards use (DESIGN.md §7), open on /q/metrics. */
@QuarkusTest
@WithTestResource(PaperVenueResource.class)
class MetricsTest {

    @Inject GatewayTestSupport support;
    String admin;

    @BeforeEach
    void tradeable() {
        admin = support.tradeable();
    }

    @Test
    void breakerAndKillSwitchMetricsArePublishedWithoutAKey() {
        for (TripReason reason : TripReason.values()) {
            assertThat(Metrics.value("cb_trip_total", "reason=\"" + reason + "\"")).as("cb_trip_total " + reason).isNotNaN();
        }
        assertThat(Metrics.value("cb_reset_total", "")).isNotNaN();
        assertThat(Metrics.value("kill_switch_activations_total", "mode=\"CLOSE_POSITIONS\"")).isNotNaN();
        Awaitility.await().atMost(GatewayTestSupport.WAIT).untilAsserted(() -> {
            assertThat(Metrics.value("cb_staleness_seconds", "")).isBetween(0.0, 2.5);
            assertThat(Metrics.value("cb_state", "")).isEqualTo(0);
            assertThat(Metrics.value("kill_switch_active", "")).isEqualTo(0);
        });
    }

    @Test
    void theGaugesFollowTheStateWithinAboutASecond() {
        as(admin).body(Map.of("reason", "metrics test trips the breaker", "acknowledged", true))
                .post("/api/v1/circuit-breaker/trip").then().statusCode(200);
        as(admin).body(Map.of("mode", "CLOSE_POSITIONS", "reason", "metrics test")).post("/api/kill-switch").then().statusCode(200);

        Awaitility.await().atMost(GatewayTestSupport.WAIT).untilAsserted(() -> {
            assertThat(Metrics.value("cb_state", "")).isEqualTo(2);
            assertThat(Metrics.value("kill_switch_active", "")).isEqualTo(2);
        });
    }

    @Test
    void rejectsAreCountedByReason() {
        double before = Metrics.value("execution_gateway_orders_total", "reason=\"CIRCUIT_BREAKER_TRIPPED\"");
        as(admin).body(Map.of("reason", "metrics test trips the breaker", "acknowledged", true))
                .post("/api/v1/circuit-breaker/trip").then().statusCode(200);
        Orders.market(admin, "AAPL", "BUY", "1").then().statusCode(423);

        assertThat(Metrics.value("execution_gateway_orders_total", "reason=\"CIRCUIT_BREAKER_TRIPPED\""))
                .isEqualTo((Double.isNaN(before) ? 0 : before) + 1);
    }
}

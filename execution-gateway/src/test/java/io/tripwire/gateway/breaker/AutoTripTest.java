package io.tripwire.gateway.breaker;

import static io.tripwire.gateway.support.GatewayTestSupport.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.tripwire.controlplane.state.BreakerState;
import io.tripwire.controlplane.state.BreakerStatus;
import io.tripwire.gateway.support.GatewayTestSupport;
import io.tripwire.gateway.support.Orders;
import io.tripwire.gateway.support.PaperVenue;
import io.tripwire.gateway.support.PaperVenueResource;
import io.tripwire.controlplane.venue.alpaca.ScriptedVenue;
import io.tripwire.controlplane.venue.Venue;
import io.tripwire.controlplane.venue.VenueAccount;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every automatic trip reason, driven through the monitor with the real stores (and the real paper venue where it can). */
@QuarkusTest
@WithTestResource(PaperVenueResource.class)
class AutoTripTest {

    @Inject GatewayTestSupport support;
    @Inject io.tripwire.controlplane.config.ControlPlaneConfig config;
    @Inject AutoTripMonitor monitor;
    @Inject io.tripwire.controlplane.control.ControlStateService controlState;
    String admin;

    @BeforeEach
    void tradeable() {
        admin = support.tradeable();
    }

    @Test
    void limitsThatHoldDoNotTrip() {
        assertThat(monitor.evaluateOnce().await().atMost(GatewayTestSupport.WAIT)).isEmpty();
        assertThat(support.breaker().state()).isEqualTo(BreakerStatus.OPEN);
    }

    @Test
    void aDailyLossBeyondTheLimitTripsDailyLossExceededAndBlocksOrders() {
        scripted(new VenueAccount(money("994000"), money("1000000"), money("994000")));

        evaluate();

        assertTripped(TripReason.DAILY_LOSS_EXCEEDED, "5000", "6000");
        Orders.market(admin, "AAPL", "BUY", "1").then().statusCode(423).body("code", equalTo("CIRCUIT_BREAKER_TRIPPED"));
    }

    @Test
    void aDrawdownFromTheDaysPeakTripsMaxDrawdown() {
        ScriptedVenue venue = scripted(new VenueAccount(money("900000"), money("880000"), money("900000")));
        evaluate();
        assertThat(support.breaker().state()).isEqualTo(BreakerStatus.OPEN);

        venue.account(() -> new VenueAccount(money("800000"), money("797000"), money("800000")));
        evaluate();

        BreakerState state = support.breaker();
        assertThat(state.state()).isEqualTo(BreakerStatus.TRIPPED);
        assertThat(state.tripReason()).isEqualTo(TripReason.MAX_DRAWDOWN.name());
        assertThat(new BigDecimal((String) state.tripDetails().get("actual_value"))).isGreaterThan(new BigDecimal("0.10"));
    }

    @Test
    void consecutiveVenueErrorsTripBrokerErrors() {
        PaperVenue.faults(admin, Map.of("error_rate", 1));
        try {
            for (int i = 0; i < 5; i++) {
                evaluate();
            }
        } finally {
            PaperVenue.clearFaults(admin);
        }
        assertThat(support.breaker().state()).isEqualTo(BreakerStatus.TRIPPED);
        assertThat(support.breaker().tripReason()).isEqualTo(TripReason.BROKER_ERRORS.name());
        assertThat(support.count("SELECT count(*) FROM circuit_breaker_events WHERE reason = 'BROKER_ERRORS' "
                + "AND threshold_value = 5 AND actual_value >= 5")).isEqualTo(1);
    }

    @Test
    void aRejectStormTripsRejectStorm() {
        String farAway = support.priceAway("AAPL", 2_000); // outside the 500 bps collar
        for (int i = 0; i < 20; i++) {
            Orders.limit(admin, "AAPL", "BUY", "1", farAway).then().statusCode(422).body("code", equalTo("PRICE_COLLAR"));
        }

        evaluate();

        assertThat(support.breaker().state()).isEqualTo(BreakerStatus.TRIPPED);
        assertThat(support.breaker().tripReason()).isEqualTo(TripReason.REJECT_STORM.name());
    }

    @Test
    void aResetMadeOnAnotherReplicaIsNotUndoneByTheRefusalsThatTrippedTheBreakerHere() {
        String farAway = support.priceAway("AAPL", 2_000);
        for (int i = 0; i < 20; i++) {
            Orders.limit(admin, "AAPL", "BUY", "1", farAway).then().statusCode(422).body("code", equalTo("PRICE_COLLAR"));
        }
        evaluate();
        assertThat(support.breaker().tripReason()).isEqualTo(TripReason.REJECT_STORM.name());

        resetOnAnotherReplica();
        evaluate();

        assertThat(support.breaker().state()).isEqualTo(BreakerStatus.QUIET_PERIOD);
    }

    @Test
    void aStormAfterAResetMadeOnAnotherReplicaStillTrips() {
        as(admin).body(Map.of("reason", "a manual trip before the reset", "acknowledged", true))
                .post("/api/v1/circuit-breaker/trip").then().statusCode(200);
        resetOnAnotherReplica();

        String farAway = support.priceAway("AAPL", 2_000);
        for (int i = 0; i < 20; i++) {
            Orders.limit(admin, "AAPL", "BUY", "1", farAway).then().statusCode(422).body("code", equalTo("PRICE_COLLAR"));
        }
        evaluate();

        assertThat(support.breaker().state()).isEqualTo(BreakerStatus.TRIPPED);
        assertThat(support.breaker().tripReason()).isEqualTo(TripReason.REJECT_STORM.name());
    }

    /** What BreakerResets on the other replica writes; its BreakerWasReset event never reaches this one. */
    private void resetOnAnotherReplica() {
        java.time.Instant now = java.time.Instant.now();
        controlState.apply(io.tripwire.controlplane.control.ControlChanges.resetBreaker(
                "reset on the other replica, conditions are normal", "key:other-replica", now, now.plusSeconds(60)))
                .await().atMost(GatewayTestSupport.WAIT);
        assertThat(support.breaker().state()).isEqualTo(BreakerStatus.QUIET_PERIOD);
    }

    @Test
    void anExceptionInsideTheEvaluationTripsEvaluatorFailure() {
        scripted(new VenueAccount(null, money("1000000"), money("1000000"))); // a garbled account: no equity

        evaluate();

        assertThat(support.breaker().state()).isEqualTo(BreakerStatus.TRIPPED);
        assertThat(support.breaker().tripReason()).isEqualTo(TripReason.EVALUATOR_FAILURE.name());
        as(admin).get("/api/v1/circuit-breaker").then().body("trip_details.tripped_by", equalTo(AutoTripMonitor.ACTOR));
    }

    @Test
    void anAutomaticTripIsAlertedAsCritical() {
        scripted(new VenueAccount(money("990000"), money("1000000"), money("990000")));

        evaluate();

        Awaitility.await().atMost(GatewayTestSupport.WAIT).until(() -> support.redis().stream(String.class)
                .xrange(support.keys().alertsStream(), io.quarkus.redis.datasource.stream.StreamRange.of("-", "+"))
                .await().atMost(GatewayTestSupport.WAIT).stream()
                .anyMatch(m -> "CRITICAL".equals(m.payload().get("severity"))
                        && "circuit-breaker-tripped".equals(m.payload().get("dedup_key"))
                        && m.payload().get("summary").contains("DAILY_LOSS_EXCEEDED")));
    }

    private ScriptedVenue scripted(VenueAccount account) {
        ScriptedVenue venue = new ScriptedVenue(config).account(() -> account);
        QuarkusMock.installMockForType(venue, Venue.class);
        return venue;
    }

    private void evaluate() {
        monitor.evaluateOnce().await().atMost(Duration.ofSeconds(15));
    }

    private void assertTripped(TripReason reason, String threshold, String actual) {
        BreakerState state = support.breaker();
        assertThat(state.state()).isEqualTo(BreakerStatus.TRIPPED);
        assertThat(state.tripReason()).isEqualTo(reason.name());
        assertThat(support.count("SELECT count(*) FROM circuit_breaker_events WHERE event = 'TRIP' AND reason = $1 "
                + "AND threshold_value = $2 AND actual_value = $3", reason.name(), new BigDecimal(threshold),
                new BigDecimal(actual))).isEqualTo(1);
    }

    private static BigDecimal money(String value) {
        return new BigDecimal(value);
    }
}

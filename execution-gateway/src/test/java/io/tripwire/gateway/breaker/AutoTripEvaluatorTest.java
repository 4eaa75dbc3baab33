package io.tripwire.gateway.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.tripwire.controlplane.venue.VenueAccount;
import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AutoTripEvaluatorTest {

    private final AutoTripEvaluator evaluator = new AutoTripEvaluator(
            new AutoTripEvaluator.Limits(new BigDecimal("5000"), new BigDecimal("0.10"), 5, 200));

    @Test
    void nothingTripsWhileEveryLimitHolds() {
        assertThat(evaluate(account("998000", "1000000"), "1000000", 4, 199)).isEmpty();
    }

    @Test
    void aLossOfExactlyTheLimitDoesNotTripButOneCentMoreDoes() {
        assertThat(evaluate(account("995000", "1000000"), null, 0, 0)).isEmpty();

        AutoTrip trip = evaluate(account("994999.99", "1000000"), null, 0, 0).orElseThrow();

        assertThat(trip.reason()).isEqualTo(TripReason.DAILY_LOSS_EXCEEDED);
        assertThat(trip.threshold()).isEqualByComparingTo("5000");
        assertThat(trip.actual()).isEqualByComparingTo("5000.01");
    }

    @Test
    void aDrawdownBeyondTheLimitFromTheDaysPeakTripsMaxDrawdown() {
        AutoTrip trip = evaluate(account("1070000", "1060000"), "1200000", 0, 0).orElseThrow();

        assertThat(trip.reason()).isEqualTo(TripReason.MAX_DRAWDOWN);
        assertThat(trip.actual()).isEqualByComparingTo("0.108333");
    }

    @Test
    void equityAboveTheRecordedPeakIsItsOwnPeak() {
        assertThat(evaluate(account("1300000", "1290000"), "1200000", 0, 0)).isEmpty();
    }

    @Test
    void theDailyLossRuleComesBeforeTheDrawdownRule() {
        assertThat(evaluate(account("800000", "1000000"), "1000000", 9, 999)).map(AutoTrip::reason)
                .contains(TripReason.DAILY_LOSS_EXCEEDED);
    }

    @Test
    void consecutiveVenueErrorsAtTheLimitTripBrokerErrorsEvenWithoutAnAccount() {
        assertThat(evaluate(null, null, 4, 0)).isEmpty();
        assertThat(evaluate(null, null, 5, 0)).map(AutoTrip::reason).contains(TripReason.BROKER_ERRORS);
    }

    @Test
    void rejectsAtTheStormCountTripRejectStorm() {
        assertThat(evaluate(null, null, 0, 200)).map(AutoTrip::reason).contains(TripReason.REJECT_STORM);
    }

    @Test
    void aGarbledAccountIsAnExceptionForTheMonitorToTurnIntoEvaluatorFailure() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                evaluate(new VenueAccount(null, new BigDecimal("1"), null), null, 0, 0)).isInstanceOf(NullPointerException.class);
    }

    private Optional<AutoTrip> evaluate(VenueAccount account, String peak, int errors, int rejects) {
        return evaluator.evaluate(new AutoTripEvaluator.Inputs(account, peak == null ? null : new BigDecimal(peak), errors, rejects));
    }

    private static VenueAccount account(String equity, String lastEquity) {
        return new VenueAccount(new BigDecimal(equity), new BigDecimal(lastEquity), new BigDecimal(equity));
    }
}

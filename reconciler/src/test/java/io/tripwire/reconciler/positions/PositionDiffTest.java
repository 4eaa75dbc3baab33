package io.tripwire.reconciler.positions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PositionDiffTest {

    static final BigDecimal TOLERANCE = new BigDecimal("0.0001");

    @Test
    void shouldAlignADifferenceWithinToleranceSilently() {
        var deltas = PositionDiff.compare(Map.of("AAPL", new BigDecimal("10")), Map.of("AAPL", new BigDecimal("10.00005")), TOLERANCE);
        assertThat(deltas).singleElement().satisfies(d -> assertThat(d.kind()).isEqualTo(PositionDiff.Kind.WITHIN_TOLERANCE));
    }

    @Test
    void shouldCallADifferenceBeyondToleranceAMismatch() {
        var deltas = PositionDiff.compare(Map.of("AAPL", new BigDecimal("10")), Map.of("AAPL", new BigDecimal("12")), TOLERANCE);
        assertThat(deltas).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(PositionDiff.Kind.MISMATCH);
            assertThat(d.difference()).isEqualByComparingTo("2");
        });
    }

    @Test
    void shouldSeeAVenuePositionPostgresDoesNotHave() {
        var deltas = PositionDiff.compare(Map.of(), Map.of("MSFT", new BigDecimal("-3")), TOLERANCE);
        assertThat(deltas).singleElement().satisfies(d -> assertThat(d.kind()).isEqualTo(PositionDiff.Kind.MISMATCH));
    }

    @Test
    void shouldTreatEqualQuantitiesOfDifferentScaleAsInSync() {
        var deltas = PositionDiff.compare(Map.of("SPY", new BigDecimal("5.00000000")), Map.of("SPY", new BigDecimal("5")), TOLERANCE);
        assertThat(deltas).singleElement().satisfies(d -> assertThat(d.kind()).isEqualTo(PositionDiff.Kind.IN_SYNC));
    }

    @Test
    void shouldNotTakeAMissingVenueReportForFlat() {
        Map<String, BigDecimal> pg = Map.of("AAPL", new BigDecimal("10"), "SPY", BigDecimal.ZERO);
        assertThat(PositionDiff.unreported(pg, Map.of())).containsExactly("AAPL");
        assertThatThrownBy(() -> PositionDiff.compare(pg, Map.of("SPY", BigDecimal.ZERO), TOLERANCE))
                .hasMessageContaining("missing report is not flat");
    }

    @Test
    void aPositionClosedInPostgresAndUnlistedAtTheVenueIsFlatOnBothSides() {
        Map<String, BigDecimal> pg = Map.of("AAPL", new BigDecimal("0.00000000"), "MSFT", new BigDecimal("4"));

        assertThat(PositionDiff.unreported(pg, Map.of("MSFT", new BigDecimal("4")))).isEmpty();
        var deltas = PositionDiff.compare(pg, Map.of("MSFT", new BigDecimal("4")), TOLERANCE);

        assertThat(deltas).extracting(PositionDiff.Delta::symbol, PositionDiff.Delta::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("AAPL", PositionDiff.Kind.IN_SYNC),
                org.assertj.core.groups.Tuple.tuple("MSFT", PositionDiff.Kind.IN_SYNC));
        assertThat(deltas.getFirst().venue()).isEqualByComparingTo("0");
    }

    @Test
    void aDifferenceOrdersInFlightCanExplainIsInFlightNotAMismatch() {
        var inFlight = Map.of("AAPL", new PositionDiff.InFlight(new BigDecimal("3"), new BigDecimal("1")));

        var bought = PositionDiff.compare(Map.of("AAPL", new BigDecimal("10")), Map.of("AAPL", new BigDecimal("12")), TOLERANCE, inFlight);
        var sold = PositionDiff.compare(Map.of("AAPL", new BigDecimal("10")), Map.of("AAPL", new BigDecimal("9")), TOLERANCE, inFlight);

        assertThat(bought).singleElement().satisfies(d -> assertThat(d.kind()).isEqualTo(PositionDiff.Kind.IN_FLIGHT));
        assertThat(sold).singleElement().satisfies(d -> assertThat(d.kind()).isEqualTo(PositionDiff.Kind.IN_FLIGHT));
    }

    @Test
    void aDifferenceBeyondOrAgainstWhatIsInFlightIsStillAMismatch() {
        var inFlight = Map.of("AAPL", new PositionDiff.InFlight(new BigDecimal("3"), BigDecimal.ZERO));

        var tooMuch = PositionDiff.compare(Map.of("AAPL", new BigDecimal("10")), Map.of("AAPL", new BigDecimal("14")), TOLERANCE, inFlight);
        var wrongWay = PositionDiff.compare(Map.of("AAPL", new BigDecimal("10")), Map.of("AAPL", new BigDecimal("8")), TOLERANCE, inFlight);
        var otherSymbol = PositionDiff.compare(Map.of("MSFT", new BigDecimal("10")), Map.of("MSFT", new BigDecimal("11")), TOLERANCE, inFlight);

        assertThat(tooMuch).singleElement().satisfies(d -> assertThat(d.kind()).isEqualTo(PositionDiff.Kind.MISMATCH));
        assertThat(wrongWay).singleElement().satisfies(d -> assertThat(d.kind()).isEqualTo(PositionDiff.Kind.MISMATCH));
        assertThat(otherSymbol).singleElement().satisfies(d -> assertThat(d.kind()).isEqualTo(PositionDiff.Kind.MISMATCH));
    }
}

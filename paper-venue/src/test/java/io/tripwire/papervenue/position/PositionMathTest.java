package io.tripwire.papervenue.position;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PositionMathTest {

    private static final Instant AT = Instant.parse("2026-11-21T10:00:00Z");

    @Test
    void openingFromFlatTakesTheFillPriceAsEntryAndRealizesNothing() {
        PositionMath.Applied applied = apply(Position.flat("AAPL"), "10", "100");
        assertThat(applied.position().qty()).isEqualByComparingTo("10");
        assertThat(applied.position().avgEntryPrice()).isEqualByComparingTo("100");
        assertThat(applied.realizedPnl()).isZero();
    }

    @Test
    void addingToALongReaveragesTheEntryPrice() {
        Position position = apply(Position.flat("AAPL"), "10", "100").position();
        PositionMath.Applied applied = apply(position, "30", "104");
        assertThat(applied.position().qty()).isEqualByComparingTo("40");
        assertThat(applied.position().avgEntryPrice()).isEqualByComparingTo("103");
        assertThat(applied.realizedPnl()).isZero();
    }

    @Test
    void reducingALongRealizesTheGainAtTheUnchangedEntry() {
        Position position = apply(Position.flat("AAPL"), "10", "100").position();
        PositionMath.Applied applied = apply(position, "-4", "110");
        assertThat(applied.realizedPnl()).isEqualByComparingTo("40");
        assertThat(applied.position().qty()).isEqualByComparingTo("6");
        assertThat(applied.position().avgEntryPrice()).isEqualByComparingTo("100");
        assertThat(applied.position().realizedPnl()).isEqualByComparingTo("40");
    }

    @Test
    void closingALongAtALossRealizesTheLossAndLeavesItFlat() {
        Position position = apply(Position.flat("AAPL"), "10", "100").position();
        PositionMath.Applied applied = apply(position, "-10", "95.5");
        assertThat(applied.realizedPnl()).isEqualByComparingTo("-45");
        assertThat(applied.position().isFlat()).isTrue();
        assertThat(applied.position().avgEntryPrice()).isZero();
    }

    @Test
    void coveringAShortBelowItsEntryIsAGain() {
        Position shortPosition = apply(Position.flat("MSFT"), "-5", "400").position();
        assertThat(shortPosition.qty()).isEqualByComparingTo("-5");
        PositionMath.Applied applied = apply(shortPosition, "5", "390");
        assertThat(applied.realizedPnl()).isEqualByComparingTo("50");
        assertThat(applied.position().isFlat()).isTrue();
    }

    @Test
    void aFillBeyondThePositionClosesItAndOpensTheRestAtTheFillPrice() {
        Position position = apply(Position.flat("AAPL"), "10", "100").position();
        PositionMath.Applied applied = apply(position, "-15", "90");
        assertThat(applied.realizedPnl()).isEqualByComparingTo("-100");
        assertThat(applied.position().qty()).isEqualByComparingTo("-5");
        assertThat(applied.position().avgEntryPrice()).isEqualByComparingTo("90");
    }

    @Test
    void unrealizedPnlIsQuantityTimesMoveFromEntryForLongsAndShorts() {
        Position longPosition = new Position("AAPL", new BigDecimal("10"), new BigDecimal("100"), BigDecimal.ZERO, AT);
        Position shortPosition = new Position("AAPL", new BigDecimal("-10"), new BigDecimal("100"), BigDecimal.ZERO, AT);
        assertThat(longPosition.unrealizedPnl(new BigDecimal("101.5"))).isEqualByComparingTo("15");
        assertThat(shortPosition.unrealizedPnl(new BigDecimal("101.5"))).isEqualByComparingTo("-15");
        assertThat(shortPosition.marketValue(new BigDecimal("101.5"))).isEqualByComparingTo("-1015");
        assertThat(shortPosition.costBasis()).isEqualByComparingTo("1000");
    }

    @Test
    void fractionalQuantitiesKeepMoneyAtEightDecimals() {
        Position position = apply(Position.flat("BTCUSD"), "0.001", "60000.12345678").position();
        PositionMath.Applied applied = apply(position, "-0.001", "60001");
        assertThat(applied.realizedPnl().scale()).isEqualTo(8);
        assertThat(applied.realizedPnl()).isEqualByComparingTo("0.00087654");
    }

    private static PositionMath.Applied apply(Position position, String signedQty, String price) {
        return PositionMath.apply(position, new BigDecimal(signedQty), new BigDecimal(price), AT);
    }
}

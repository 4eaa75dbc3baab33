package io.tripwire.papervenue.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriceWalkTest {

    private static final Instrument AAPL = Instrument.of("AAPL", new BigDecimal("190.00"), new BigDecimal("0.01"), 5, 1);
    private static final LocalDate DAY = LocalDate.of(2026, 11, 21);

    @Test
    void sameSeedGivesTheSamePricePath() {
        assertThat(path(42, 200)).isEqualTo(path(42, 200));
    }

    @Test
    void differentSeedsGiveDifferentPricePaths() {
        assertThat(path(42, 50)).isNotEqualTo(path(43, 50));
    }

    @Test
    void differentSymbolsWithTheSameSeedWalkDifferently() {
        Instrument msft = Instrument.of("MSFT", new BigDecimal("190.00"), new BigDecimal("0.01"), 5, 1);
        List<Long> msftPath = new ArrayList<>();
        WalkState state = WalkState.start(msft, 42, DAY);
        for (int i = 0; i < 50; i++) {
            state = PriceWalk.advance(msft, state, 4).state();
            msftPath.add(state.lastTicks());
        }
        assertThat(msftPath).isNotEqualTo(path(42, 50));
    }

    @Test
    void resumingFromAStoredStepContinuesTheSamePath() {
        List<Long> uninterrupted = path(7, 30);
        WalkState state = WalkState.start(AAPL, 7, DAY);
        for (int i = 0; i < 10; i++) {
            state = PriceWalk.advance(AAPL, state, 4).state();
        }
        // What a restart reads back from paper_venue.market_state: just numbers.
        WalkState restored = new WalkState(state.symbol(), state.seed(), state.step(), state.lastTicks(), state.dayOpenTicks(),
                state.day());
        List<Long> resumed = new ArrayList<>(uninterrupted.subList(0, 10));
        for (int i = 10; i < 30; i++) {
            restored = PriceWalk.advance(AAPL, restored, 4).state();
            resumed.add(restored.lastTicks());
        }
        assertThat(resumed).isEqualTo(uninterrupted);
    }

    @Test
    void everyStepMovesByWholeTicksWithinTheMaximumStep() {
        WalkState state = WalkState.start(AAPL, 42, DAY);
        for (int i = 0; i < 500; i++) {
            PriceWalk.Tick tick = PriceWalk.advance(AAPL, state, 1);
            assertThat(Math.abs(tick.closeTicks() - state.lastTicks())).isLessThanOrEqualTo(AAPL.maxStepTicks());
            state = tick.state();
        }
        assertThat(AAPL.maxStepTicks()).isEqualTo(9);
    }

    @Test
    void barHighAndLowEncloseOpenAndClose() {
        WalkState state = WalkState.start(AAPL, 42, DAY);
        for (int i = 0; i < 100; i++) {
            PriceWalk.Tick tick = PriceWalk.advance(AAPL, state, 4);
            assertThat(tick.highTicks()).isGreaterThanOrEqualTo(Math.max(tick.openTicks(), tick.closeTicks()));
            assertThat(tick.lowTicks()).isLessThanOrEqualTo(Math.min(tick.openTicks(), tick.closeTicks()));
            assertThat(tick.volume()).isPositive();
            state = tick.state();
        }
    }

    @Test
    void priceNeverFallsBelowTheFloorSoTheBidStaysPositive() {
        Instrument penny = Instrument.of("PENNY", new BigDecimal("0.05"), new BigDecimal("0.01"), 5, 1);
        WalkState state = WalkState.start(penny, 42, DAY);
        for (int i = 0; i < 2_000; i++) {
            state = PriceWalk.advance(penny, state, 4).state();
            assertThat(state.lastTicks()).isGreaterThanOrEqualTo(penny.floorTicks());
        }
        assertThat(penny.price(penny.floorTicks() - penny.halfSpreadTicks())).isPositive();
    }

    @Test
    void aNewDayMakesTheLastPriceTheDaysOpen() {
        WalkState state = PriceWalk.advance(AAPL, WalkState.start(AAPL, 42, DAY), 40).state();
        WalkState nextDay = state.rolledTo(DAY.plusDays(1));
        assertThat(nextDay.dayOpenTicks()).isEqualTo(state.lastTicks());
        assertThat(state.rolledTo(DAY)).isSameAs(state);
    }

    private static List<Long> path(long seed, int ticks) {
        List<Long> prices = new ArrayList<>();
        WalkState state = WalkState.start(AAPL, seed, DAY);
        for (int i = 0; i < ticks; i++) {
            state = PriceWalk.advance(AAPL, state, 4).state();
            prices.add(state.lastTicks());
        }
        return prices;
    }
}

package io.tripwire.papervenue.market;

/**
 * The deterministic integer-tick random walk. Each step's move is a pure function of
 * (seed, symbol, step number) through SplitMix64, so the same seed gives the same path on every
 * machine and a restart that resumes from a stored step continues the very same path.
 */
public final class PriceWalk {

    private PriceWalk() {
    }

    /** Result of advancing one tick: the new state and the bar's prices in ticks. */
    public record Tick(WalkState state, long openTicks, long highTicks, long lowTicks, long closeTicks, long volume) {
    }

    public static Tick advance(Instrument instrument, WalkState from, int steps) {
        long ticks = from.lastTicks();
        long high = ticks;
        long low = ticks;
        long volume = 0;
        long step = from.step();
        for (int i = 0; i < steps; i++) {
            step++;
            long random = random(from.seed(), from.symbol(), step);
            long range = 2 * instrument.maxStepTicks() + 1;
            long delta = Math.floorMod(random, range) - instrument.maxStepTicks();
            ticks = Math.max(instrument.floorTicks(), ticks + delta);
            high = Math.max(high, ticks);
            low = Math.min(low, ticks);
            volume += 1 + Math.floorMod(SplitMix64.mix(random), 1_000L);
        }
        WalkState next = new WalkState(from.symbol(), from.seed(), step, ticks, from.dayOpenTicks(), from.day());
        return new Tick(next, from.lastTicks(), high, low, ticks, volume);
    }

    static long random(long seed, String symbol, long step) {
        return SplitMix64.at(seed ^ SplitMix64.mix(symbol.hashCode()), step);
    }
}

package io.tripwire.papervenue.market;

import java.time.LocalDate;

/** Where one symbol's walk stands: steps taken, last price and the day's opening price (ticks). */
public record WalkState(String symbol, long seed, long step, long lastTicks, long dayOpenTicks, LocalDate day) {

    public static WalkState start(Instrument instrument, long seed, LocalDate day) {
        return new WalkState(instrument.symbol(), seed, 0, instrument.initialTicks(), instrument.initialTicks(), day);
    }

    /** On the first tick of a new UTC day, the last price becomes the day's open (Alpaca's lastday_price). */
    public WalkState rolledTo(LocalDate today) {
        return today.equals(day) ? this : new WalkState(symbol, seed, step, lastTicks, lastTicks, today);
    }
}

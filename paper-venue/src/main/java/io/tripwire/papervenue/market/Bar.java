package io.tripwire.papervenue.market;

import java.math.BigDecimal;
import java.time.Instant;

/** One tick's bar: open, high, low and close over the tick's steps, and simulated volume. */
public record Bar(String symbol, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, long volume, Instant ts) {
}

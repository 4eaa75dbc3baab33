package io.tripwire.papervenue.market;

import java.math.BigDecimal;
import java.time.Instant;

/** Top of book of one symbol at one instant. */
public record Quote(String symbol, BigDecimal last, BigDecimal bid, BigDecimal ask, Instant ts) {
}

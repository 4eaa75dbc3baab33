package io.tripwire.gateway.risk;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/** The last price of a symbol as published on {@code md:last:{SYMBOL}}. */
public record ReferencePrice(BigDecimal last, BigDecimal bid, BigDecimal ask, Instant at) {

    public boolean isStale(Instant now, Duration maxAge) {
        return at.plus(maxAge).isBefore(now);
    }
}

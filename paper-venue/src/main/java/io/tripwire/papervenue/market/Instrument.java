package io.tripwire.papervenue.market;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A tradable symbol of the simulation, in integer ticks: prices are {@code ticks × tickSize}, so the
 * walk never accumulates rounding error.
 */
public record Instrument(String symbol, BigDecimal tickSize, long initialTicks, long maxStepTicks, long halfSpreadTicks) {

    public Instrument {
        if (initialTicks <= halfSpreadTicks || maxStepTicks < 1 || halfSpreadTicks < 1) {
            throw new IllegalArgumentException("invalid instrument " + symbol);
        }
    }

    /** Builds an instrument whose step and half spread are given in basis points of its starting price. */
    public static Instrument of(String symbol, BigDecimal initialPrice, BigDecimal tickSize, int maxStepBps, int halfSpreadBps) {
        long initialTicks = initialPrice.divideToIntegralValue(tickSize).longValueExact();
        long step = Math.max(1, initialTicks * maxStepBps / 10_000);
        long halfSpread = Math.max(1, initialTicks * halfSpreadBps / 10_000);
        return new Instrument(symbol, tickSize, Math.max(initialTicks, halfSpread + 1), step, halfSpread);
    }

    public BigDecimal price(long ticks) {
        return tickSize.multiply(BigDecimal.valueOf(ticks));
    }

    /** Lowest last price (in ticks) the walk may reach: the bid stays at least one tick. */
    public long floorTicks() {
        return halfSpreadTicks + 1;
    }

    /** Crypto pairs are quoted against USD (BTCUSD); everything else is a US equity. */
    public static String assetClassOf(String symbol) {
        return symbol.length() > 5 && symbol.endsWith("USD") ? "crypto" : "us_equity";
    }

    /** Stable asset id of a symbol, the same on every start (Alpaca reports one per asset). */
    public static UUID assetIdOf(String symbol) {
        return UUID.nameUUIDFromBytes(("paper-venue:asset:" + symbol).getBytes(StandardCharsets.UTF_8));
    }
}

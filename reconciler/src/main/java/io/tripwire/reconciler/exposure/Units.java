package io.tripwire.reconciler.exposure;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Quantities as integers of 1e-8 units, exactly as the gateway's admission script reads {@code exposure:*}. */
public final class Units {

    private static final int SCALE = 8;

    private Units() {
    }

    /** Rounds away from zero, so a reservation is never understated by rounding. */
    public static long toUnits(BigDecimal quantity) {
        return quantity.setScale(SCALE, RoundingMode.UP).unscaledValue().longValueExact();
    }

    public static BigDecimal fromUnits(long units) {
        return BigDecimal.valueOf(units, SCALE).stripTrailingZeros();
    }
}

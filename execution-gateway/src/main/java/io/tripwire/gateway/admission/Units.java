package io.tripwire.gateway.admission;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Quantities as exact integers of 1e-8 units for the Redis scripts (Lua numbers are doubles: integers
 * stay exact up to 2^53, i.e. 90 million units at this scale, far above any position limit here).
 */
public final class Units {

    private static final int SCALE = 8;

    private Units() {
    }

    public static long toUnits(BigDecimal quantity) {
        return quantity.setScale(SCALE, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
    }

    /** For limits: rounds down so a cap is never loosened by rounding. */
    public static long toUnitsFloor(BigDecimal quantity) {
        return quantity.setScale(SCALE, RoundingMode.FLOOR).unscaledValue().longValueExact();
    }

    public static BigDecimal fromUnits(long units) {
        return BigDecimal.valueOf(units, SCALE).stripTrailingZeros();
    }
}

package io.tripwire.papervenue.alpaca;

import java.math.BigDecimal;

/** Alpaca sends and expects decimals as strings; parsing refuses NaN, infinities and exponents out of range. */
public final class Decimals {

    /** Scale kept for quantities (the database column is NUMERIC(24,9)). */
    public static final int QTY_SCALE = 9;
    /** Scale kept for prices and money (NUMERIC(24,8)). */
    public static final int PRICE_SCALE = 8;

    private Decimals() {
    }

    /** {@code null} when absent; an {@link AlpacaException} (422) when not a plain finite decimal. */
    public static BigDecimal parse(String field, String raw) {
        if (raw == null) {
            return null;
        }
        String trimmed = raw.trim();
        // Bounded length keeps absurd exponents and digit strings out before BigDecimal sees them.
        if (trimmed.isEmpty() || trimmed.length() > 40) {
            throw AlpacaException.invalid(field + " is not a valid decimal");
        }
        try {
            BigDecimal value = new BigDecimal(trimmed);
            if (value.precision() - value.scale() > 15) {
                throw AlpacaException.invalid(field + " is too large");
            }
            return value;
        } catch (NumberFormatException e) {
            throw AlpacaException.invalid(field + " is not a valid decimal");
        }
    }

    /** Alpaca's wire format: plain string without exponent, {@code null} stays null. */
    public static String wire(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros().toPlainString();
    }
}

package io.tripwire.signal.trade;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * An artifact's {@code payload.sizing}: {@code qty_usd} (the order's notional before volatility targeting),
 * optional {@code target_ann_vol} and {@code bars_per_year}. Seed 001's volatility targeting:
 * {@code notional = qty_usd × min(1, target_ann_vol / realized_ann_vol)}, with the realized annual volatility
 * from the rolling {@code rv_5} (5 bars): {@code rv_5 × √(bars_per_year / 5)}. Without a usable
 * {@code qty_usd} the artifact makes signals but no orders (fail closed).
 */
public record Sizing(BigDecimal qtyUsd, BigDecimal targetAnnVol, long barsPerYear) {

    /** One-minute bars over 252 sessions of 6.5 hours. */
    public static final long DEFAULT_BARS_PER_YEAR = 252L * 390;
    public static final Sizing NONE = new Sizing(null, null, DEFAULT_BARS_PER_YEAR);

    public static Sizing read(JsonNode sizing) {
        if (sizing == null || !sizing.isObject()) {
            return NONE;
        }
        BigDecimal qty = positive(sizing.get("qty_usd"));
        BigDecimal target = positive(sizing.get("target_ann_vol"));
        JsonNode bars = sizing.get("bars_per_year");
        long perYear = bars != null && bars.canConvertToLong() && bars.asLong() > 0 ? bars.asLong() : DEFAULT_BARS_PER_YEAR;
        return new Sizing(qty, target, perYear);
    }

    public boolean trades() {
        return qtyUsd != null;
    }

    /** The order notional in USD (rounded down to cents) for the current {@code rv_5}. */
    public BigDecimal notional(double rv5) {
        if (qtyUsd == null) {
            return BigDecimal.ZERO;
        }
        BigDecimal scale = BigDecimal.ONE;
        if (targetAnnVol != null && Double.isFinite(rv5) && rv5 > 0) {
            BigDecimal annual = BigDecimal.valueOf(rv5).multiply(BigDecimal.valueOf(Math.sqrt(barsPerYear / 5.0)), MathContext.DECIMAL64);
            BigDecimal ratio = targetAnnVol.divide(annual, MathContext.DECIMAL64);
            scale = ratio.min(BigDecimal.ONE);
        }
        return qtyUsd.multiply(scale).setScale(2, RoundingMode.DOWN);
    }

    private static BigDecimal positive(JsonNode node) {
        if (node == null || !node.isNumber() || !Double.isFinite(node.doubleValue())) {
            return null;
        }
        BigDecimal value = node.decimalValue();
        return value.signum() > 0 ? value : null;
    }
}

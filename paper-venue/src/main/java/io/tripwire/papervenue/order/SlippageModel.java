package io.tripwire.papervenue.order;

import io.tripwire.papervenue.PaperVenueConfig;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Seed 004's slippage: a base of {@code baseBps} plus a size impact of one basis point per
 * {@code impactNotionalPerBp} USD of notional, capped at {@code capBps}; always against the trader.
 */
public record SlippageModel(BigDecimal baseBps, BigDecimal impactNotionalPerBp, BigDecimal capBps) {

    static final BigDecimal BPS = BigDecimal.valueOf(10_000);
    /** Slipped prices keep six decimals: fine enough that five basis points of one cent still register. */
    static final int PRICE_SCALE = 6;

    public SlippageModel {
        if (baseBps.signum() < 0 || impactNotionalPerBp.signum() <= 0 || capBps.compareTo(baseBps) < 0) {
            throw new IllegalArgumentException("invalid slippage model");
        }
    }

    public static SlippageModel from(PaperVenueConfig.Slippage config) {
        return new SlippageModel(config.baseBps(), config.impactNotionalPerBp(), config.capBps());
    }

    /** Slippage in basis points for an order of this notional (USD). */
    public BigDecimal bps(BigDecimal notional) {
        BigDecimal impact = notional.abs().divide(impactNotionalPerBp, 4, RoundingMode.DOWN);
        return baseBps.add(impact).min(capBps);
    }

    /**
     * The price a market order of this notional gets against {@code reference}: higher for a buy,
     * lower for a sell. The move is rounded toward the reference, so the cap is never exceeded.
     */
    public BigDecimal slip(OrderSide side, BigDecimal reference, BigDecimal notional) {
        BigDecimal move = reference.multiply(bps(notional)).divide(BPS, PRICE_SCALE, RoundingMode.DOWN);
        return side == OrderSide.BUY ? reference.add(move) : reference.subtract(move);
    }
}

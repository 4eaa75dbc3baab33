package io.tripwire.gateway.compat;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Seed 001's position sizing for {@code POST /api/trade/execute}, pure:
 * <pre>
 *   sizedUsd = qtyUsd × confidence × min(1, targetAnnVol / realizedVol)
 * </pre>
 * rounded down to cents. Confidence scales the request (the seed's anchor: 2000 USD at confidence 0.9 →
 * 1800 USD); volatility targeting only ever shrinks it, when the symbol's realized volatility is above the
 * target. The per-symbol USD cap and every other limit are then enforced by admission as for any order.
 */
public final class TradeSizing {

    private static final int RATIO_SCALE = 10;

    private TradeSizing() {
    }

    public static BigDecimal size(BigDecimal qtyUsd, BigDecimal confidence, BigDecimal targetAnnVol, BigDecimal realizedVol) {
        BigDecimal volScale = realizedVol.signum() <= 0 ? BigDecimal.ONE
                : BigDecimal.ONE.min(targetAnnVol.divide(realizedVol, RATIO_SCALE, RoundingMode.HALF_EVEN));
        return qtyUsd.multiply(confidence).multiply(volScale).setScale(2, RoundingMode.DOWN);
    }
}

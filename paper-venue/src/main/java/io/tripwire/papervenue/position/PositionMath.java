package io.tripwire.papervenue.position;

import io.tripwire.papervenue.alpaca.Decimals;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * Average-cost position accounting. A fill in the position's direction (or from flat) re-averages the
 * entry price; a fill against it realizes (price − entry) × closed quantity at the unchanged entry;
 * a fill larger than the position closes it and opens the rest at the fill price.
 */
public final class PositionMath {

    private PositionMath() {
    }

    /** The position after a fill and the P&L that fill realized (gross of commission). */
    public record Applied(Position position, BigDecimal realizedPnl) {
    }

    /**
     * @param signedQty fill quantity, positive for a buy and negative for a sell
     */
    public static Applied apply(Position current, BigDecimal signedQty, BigDecimal price, Instant at) {
        BigDecimal qty = current.qty();
        BigDecimal newQty = qty.add(signedQty);
        if (qty.signum() == 0 || qty.signum() == signedQty.signum()) {
            BigDecimal cost = qty.abs().multiply(current.avgEntryPrice()).add(signedQty.abs().multiply(price));
            BigDecimal avg = cost.divide(newQty.abs(), Decimals.PRICE_SCALE, RoundingMode.HALF_EVEN);
            return new Applied(new Position(current.symbol(), newQty, avg, current.realizedPnl(), at), BigDecimal.ZERO);
        }
        BigDecimal closed = signedQty.abs().min(qty.abs());
        BigDecimal realized = money(closed.multiply(price.subtract(current.avgEntryPrice())).multiply(BigDecimal.valueOf(qty.signum())));
        BigDecimal avg;
        if (newQty.signum() == 0) {
            avg = BigDecimal.ZERO;
        } else if (newQty.signum() == qty.signum()) {
            avg = current.avgEntryPrice();
        } else {
            avg = price;
        }
        Position next = new Position(current.symbol(), newQty, avg, money(current.realizedPnl().add(realized)), at);
        return new Applied(next, realized);
    }

    /** Money keeps eight decimals (NUMERIC(24,8)), rounded half-even. */
    public static BigDecimal money(BigDecimal value) {
        return value.setScale(Decimals.PRICE_SCALE, RoundingMode.HALF_EVEN);
    }
}

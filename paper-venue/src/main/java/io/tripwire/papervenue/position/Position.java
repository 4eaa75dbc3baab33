package io.tripwire.papervenue.position;

import java.math.BigDecimal;
import java.time.Instant;

/** Net position of one symbol: {@code qty} > 0 long, < 0 short, 0 flat; realized P&L accumulates over its life. */
public record Position(String symbol, BigDecimal qty, BigDecimal avgEntryPrice, BigDecimal realizedPnl, Instant updatedAt) {

    public static Position flat(String symbol) {
        return new Position(symbol, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, null);
    }

    public boolean isFlat() {
        return qty.signum() == 0;
    }

    /** Profit or loss if closed at {@code price}: qty × (price − average entry). */
    public BigDecimal unrealizedPnl(BigDecimal price) {
        return PositionMath.money(qty.multiply(price.subtract(avgEntryPrice)));
    }

    /** Cost basis: |qty| × average entry, positive for longs and shorts alike. */
    public BigDecimal costBasis() {
        return PositionMath.money(qty.abs().multiply(avgEntryPrice));
    }

    /** Market value at {@code price}; negative for a short. */
    public BigDecimal marketValue(BigDecimal price) {
        return PositionMath.money(qty.multiply(price));
    }
}

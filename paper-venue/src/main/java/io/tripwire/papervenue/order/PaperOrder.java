package io.tripwire.papervenue.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One row of {@code paper_venue.paper_orders}. {@code qty} is null for a notional order until it fills. */
public record PaperOrder(UUID id, String clientOrderId, String symbol, OrderSide side, OrderType type, TimeInForce timeInForce,
                         BigDecimal qty, BigDecimal notional, BigDecimal limitPrice, BigDecimal requestedPrice,
                         BigDecimal fillPrice, BigDecimal filledQty, BigDecimal slippage, BigDecimal slippageBps,
                         BigDecimal commission, OrderStatus status, BigDecimal pnl, Instant createdAt, Instant updatedAt,
                         Instant submittedAt, Instant filledAt, Instant canceledAt, Instant expiredAt) {

    /** A new order as accepted by the venue, before any fill. */
    public static PaperOrder accepted(UUID id, PlaceOrder command, OrderStatus status, Instant at) {
        return new PaperOrder(id, command.clientOrderId(), command.symbol(), command.side(), command.type(),
                command.timeInForce(), command.qty(), command.notional(), command.limitPrice(), null, null,
                BigDecimal.ZERO, null, null, BigDecimal.ZERO, status, null, at, at, at, null,
                status == OrderStatus.CANCELED ? at : null, null);
    }

    /** The same order after a fill was booked. */
    public PaperOrder filled(Fill fill, BigDecimal realizedPnl, Instant at) {
        return new PaperOrder(id, clientOrderId, symbol, side, type, timeInForce, qty, notional, limitPrice, fill.referencePrice(),
                fill.price(), fill.qty(), fill.slippage(), fill.slippageBps(), fill.commission(), OrderStatus.FILLED,
                realizedPnl, createdAt, at, submittedAt, at, canceledAt, expiredAt);
    }
}

package io.tripwire.papervenue.order;

import java.math.BigDecimal;

/** A validated order submission: exactly one of qty and notional; limit price only (and always) for limits. */
public record PlaceOrder(String clientOrderId, String symbol, OrderSide side, OrderType type, TimeInForce timeInForce,
                         BigDecimal qty, BigDecimal notional, BigDecimal limitPrice) {

    /** The market order that flattens a position of {@code positionQty} (signed). */
    public static PlaceOrder closing(String clientOrderId, String symbol, BigDecimal positionQty) {
        OrderSide side = positionQty.signum() > 0 ? OrderSide.SELL : OrderSide.BUY;
        return new PlaceOrder(clientOrderId, symbol, side, OrderType.MARKET, TimeInForce.DAY, positionQty.abs(), null, null);
    }
}

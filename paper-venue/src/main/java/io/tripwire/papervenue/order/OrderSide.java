package io.tripwire.papervenue.order;

import java.util.Arrays;
import java.util.Optional;

/** Buy or sell: lower case on the wire (Alpaca), upper case in {@code paper_orders.side} (seed 004). */
public enum OrderSide {
    BUY, SELL;

    public String wire() {
        return name().toLowerCase();
    }

    public OrderSide opposite() {
        return this == BUY ? SELL : BUY;
    }

    /** +1 for a buy, -1 for a sell: the sign of the position change. */
    public int sign() {
        return this == BUY ? 1 : -1;
    }

    public static Optional<OrderSide> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(value)).findFirst();
    }
}

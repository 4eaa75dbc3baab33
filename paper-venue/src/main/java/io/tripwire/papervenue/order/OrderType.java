package io.tripwire.papervenue.order;

import java.util.Arrays;
import java.util.Optional;

/** Supported order types (Alpaca's stop, stop_limit and trailing_stop are refused). */
public enum OrderType {
    MARKET, LIMIT;

    public String wire() {
        return name().toLowerCase();
    }

    public static Optional<OrderType> fromWire(String value) {
        return Arrays.stream(values()).filter(t -> t.wire().equals(value)).findFirst();
    }
}

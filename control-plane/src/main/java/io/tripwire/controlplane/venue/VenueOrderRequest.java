package io.tripwire.controlplane.venue;

import java.math.BigDecimal;

/** What is sent to the venue for one order (Alpaca vocabulary: side and type in lower case on the wire). */
public record VenueOrderRequest(String clientOrderId, String symbol, boolean buy, BigDecimal quantity,
                                boolean limit, BigDecimal limitPrice, String timeInForce) {
}

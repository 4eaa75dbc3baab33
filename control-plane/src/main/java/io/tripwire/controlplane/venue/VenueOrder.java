package io.tripwire.controlplane.venue;

import io.tripwire.controlplane.order.OrderStatus;
import java.math.BigDecimal;
import java.time.Instant;

/** The venue's report of one order, mapped to Tripwire's states. */
public record VenueOrder(String venueOrderId, String clientOrderId, String symbol, boolean buy, BigDecimal quantity,
                         BigDecimal filledQty, BigDecimal avgFillPrice, OrderStatus status, Instant updatedAt) {
}

package io.tripwire.gateway.order;

import io.tripwire.controlplane.order.Order;
/** The answer to a submit: the order, and whether it is the original of an idempotent retry. */
public record PlacedOrder(Order order, boolean duplicate) {
}

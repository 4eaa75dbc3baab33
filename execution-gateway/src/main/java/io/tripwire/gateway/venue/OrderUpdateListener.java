package io.tripwire.gateway.venue;

import io.tripwire.controlplane.order.Order;

/** Told about every order the venue moved forward (e.g. the breaker evaluates automatic trips on fills). */
public interface OrderUpdateListener {
    void onOrderUpdate(Order updated);
}

package io.tripwire.reconciler.orders;

import io.tripwire.controlplane.order.Order;
import io.tripwire.controlplane.order.OrderStatus;
import io.tripwire.controlplane.venue.VenueOrder;

/** What reconciling one order (or one venue report) calls for. */
public sealed interface OrderAction {

    /**
     * The venue report moves the order forward.
     *
     * @param stale the order had not changed in PostgreSQL for longer than the grace period (the gateway missed it)
     */
    record Advance(Order order, VenueOrder report, boolean stale) implements OrderAction {
    }

    /** Open in PostgreSQL, absent from the venue listings: one targeted by-client-order-id lookup. */
    record Lookup(Order order) implements OrderAction {
    }

    /** A venue order whose client order id PostgreSQL does not know. */
    record Orphan(VenueOrder report) implements OrderAction {
    }

    /** The stores disagree in a way forward-only cannot settle (terminal in PostgreSQL, or filled beyond the venue). */
    record Conflict(Order order, VenueOrder report, String why) implements OrderAction {
    }

    /** The venue does not know the order after the grace period: it ends with this status (provenance reconciliation). */
    record Resolve(Order order, OrderStatus status, String why) implements OrderAction {
    }

    /** Not found yet but still inside the grace period: left for a later run. */
    record Pending(Order order) implements OrderAction {
    }

    /** Both stores agree. */
    record InSync(Order order) implements OrderAction {
    }
}

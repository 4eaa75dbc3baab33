package io.tripwire.controlplane.venue;

import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.List;

/**
 * A place orders go: the paper venue and Alpaca (same wire protocol), later a manual desk. Failures
 * surface as {@link VenueException} with a kind that tells the caller what is known about the order.
 */
public interface Venue {

    String name();

    /** Submits with the client order id; the venue refuses a second order with the same id. */
    Uni<VenueOrder> submit(VenueOrderRequest request);

    /** The venue's view of one order, or a {@code null} item when the venue has no such client order id. */
    Uni<VenueOrder> byClientOrderId(String clientOrderId);

    /** Orders submitted since {@code after} (all statuses), oldest first, every page of {@code pageSize}. */
    Uni<List<VenueOrder>> ordersSince(Instant after, int pageSize);

    /** Working orders. */
    Uni<List<VenueOrder>> openOrders();

    Uni<Void> cancel(String venueOrderId);

    /** Cancels every working order; returns what the venue reported per order. */
    Uni<List<VenueOrder>> cancelAll();

    /** Equity and cash. */
    Uni<VenueAccount> account();

    /** Every position the venue holds; the venue's report is authoritative. */
    Uni<List<VenuePosition>> positions();
}

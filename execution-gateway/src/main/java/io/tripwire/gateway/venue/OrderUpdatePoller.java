package io.tripwire.gateway.venue;

import io.tripwire.controlplane.venue.Venue;
import io.tripwire.controlplane.venue.VenueException;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.order.Order;
import io.tripwire.gateway.order.OrderLifecycle;
import io.tripwire.controlplane.order.OrderRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Follows working orders at the venue: every {@code gateway.venue.poll-interval} it asks for orders
 * since the oldest working one (with an overlap) and moves ours forward. UNKNOWN orders are left to
 * the reconciler; NEW ones to the submitter.
 */
@ApplicationScoped
public class OrderUpdatePoller {

    private static final Duration OVERLAP = Duration.ofSeconds(5);
    private static final int PAGE = 500;

    private final Venue venue;
    private final OrderRepository orders;
    private final OrderLifecycle lifecycle;
    private final VenueErrorTracker errors;
    private final List<OrderUpdateListener> listeners;

    public OrderUpdatePoller(Venue venue, OrderRepository orders, OrderLifecycle lifecycle, VenueErrorTracker errors,
                             jakarta.enterprise.inject.Instance<OrderUpdateListener> listeners) {
        this.venue = venue;
        this.orders = orders;
        this.lifecycle = lifecycle;
        this.errors = errors;
        this.listeners = listeners.stream().toList();
    }

    @Scheduled(every = "${gateway.venue.poll-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "order-update-poller")
    Uni<Void> poll() {
        // Only what the venue can move: a backlog of NEW orders (not sent yet) must not be read every second.
        return orders.atVenue(5_000).chain(working -> {
            if (working.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            Instant since = working.stream().map(Order::createdAt).min(Comparator.naturalOrder()).orElseThrow().minus(OVERLAP);
            Map<String, Order> byClientId = working.stream().collect(Collectors.toMap(Order::clientOrderId, Function.identity()));
            return venue.ordersSince(since, PAGE)
                    .invoke(errors::success)
                    .chain(reports -> Multi.createFrom().iterable(reports)
                            .filter(r -> byClientId.containsKey(r.clientOrderId()))
                            .onItem().transformToUniAndConcatenate(r -> lifecycle.applyVenueReport(byClientId.get(r.clientOrderId()), r, "venue"))
                            .filter(java.util.Objects::nonNull)
                            .invoke(this::notifyListeners)
                            .collect().last())
                    .replaceWithVoid();
        }).onFailure().invoke(e -> {
            if (e instanceof VenueException) {
                errors.failure();
            }
            Log.warnf("order update poll failed: %s", e.getMessage());
        }).onFailure().recoverWithNull();
    }

    private void notifyListeners(Order updated) {
        listeners.forEach(l -> l.onOrderUpdate(updated));
    }
}

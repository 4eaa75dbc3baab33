package io.tripwire.gateway.venue;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.order.Order;
import io.tripwire.controlplane.order.OrderRepository;
import io.tripwire.controlplane.venue.Venue;
import io.tripwire.controlplane.venue.VenueException;
import io.tripwire.controlplane.venue.VenueOrder;
import io.tripwire.gateway.GatewayConfig;
import io.tripwire.gateway.order.OrderLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Follows working orders at the venue: every {@code gateway.venue.poll-interval} it takes our orders that
 * are at the venue and have been quiet for {@code gateway.venue.poll-quiet} (fresher ones are still being
 * answered by their submit), reads the venue's open orders once, looks up by client order id each of ours
 * that is no longer open there, and moves ours forward. The work per poll follows the orders that are
 * really working, not the order rate. UNKNOWN orders are left to the reconciler; NEW ones to the submitter.
 */
@ApplicationScoped
public class OrderUpdatePoller {

    /**
     * Orders followed per poll, oldest first. Unchanged orders are not written, so a smaller cut would follow
     * the same oldest orders every time and never the rest: it is set far above what a desk keeps working.
     */
    static final int BATCH = 5_000;

    private final Venue venue;
    private final OrderRepository orders;
    private final OrderLifecycle lifecycle;
    private final VenueErrorTracker errors;
    private final List<OrderUpdateListener> listeners;
    private final Duration quiet;
    private final Clock clock;

    public OrderUpdatePoller(Venue venue, OrderRepository orders, OrderLifecycle lifecycle, VenueErrorTracker errors,
                             jakarta.enterprise.inject.Instance<OrderUpdateListener> listeners, GatewayConfig config,
                             Clock clock) {
        this.venue = venue;
        this.orders = orders;
        this.lifecycle = lifecycle;
        this.errors = errors;
        this.listeners = listeners.stream().toList();
        this.quiet = config.venue().pollQuiet();
        this.clock = clock;
    }

    @Scheduled(every = "${gateway.venue.poll-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "order-update-poller")
    Uni<Void> poll() {
        return orders.atVenue(clock.instant().minus(quiet), BATCH).chain(working -> working.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : venue.openOrders().invoke(errors::success).chain(open -> follow(working, open)))
                .onFailure().invoke(e -> {
                    if (e instanceof VenueException) {
                        errors.failure();
                    }
                    Log.warnf("order update poll failed: %s", e.getMessage());
                }).onFailure().recoverWithNull();
    }

    private Uni<Void> follow(List<Order> working, List<VenueOrder> open) {
        Map<String, VenueOrder> openByClientId = open.stream()
                .collect(Collectors.toMap(VenueOrder::clientOrderId, Function.identity(), (a, b) -> a));
        return Multi.createFrom().iterable(working)
                .onItem().transformToUniAndConcatenate(order -> report(order, openByClientId)
                        .chain(report -> report != null && movesForward(order, report)
                                ? lifecycle.applyVenueReport(order, report, "venue") : Uni.createFrom().nullItem()))
                .filter(Objects::nonNull)
                .invoke(updated -> listeners.forEach(l -> l.onOrderUpdate(updated)))
                .collect().last().replaceWithVoid();
    }

    /** The venue's open-list entry, or (no longer open there: ended, or never arrived) its own lookup. */
    private Uni<VenueOrder> report(Order order, Map<String, VenueOrder> openByClientId) {
        VenueOrder open = openByClientId.get(order.clientOrderId());
        return open != null ? Uni.createFrom().item(open)
                : venue.byClientOrderId(order.clientOrderId()).invoke(errors::success);
    }

    /** Whether the report says more than we know (the database is forward-only anyway; this spares the write). */
    static boolean movesForward(Order order, VenueOrder report) {
        int known = order.status().rank();
        int reported = report.status().rank();
        return reported > known || reported == known && !order.status().terminal()
                && report.filledQty().compareTo(order.filledQty()) > 0;
    }
}

package io.tripwire.gateway.killswitch;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.order.Order;
import io.tripwire.gateway.order.OrderLifecycle;
import io.tripwire.controlplane.order.OrderStatus;
import io.tripwire.controlplane.venue.Venue;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * During CLOSE_POSITIONS, orders whose submit outcome is UNKNOWN, or that are still SUBMITTED long after
 * any submit would have answered (a gateway died mid-submit), block the next flatten round: they count as
 * working. Older than {@code gateway.kill-switch.unknown-order-grace}, they are looked up at the venue (as
 * the reconciler would): a known order takes the venue's status; an order the venue does not know was
 * never accepted and is ended REJECTED, so the next round can cover its quantity. A failed lookup leaves
 * it as it is (still counted as working: no doubling).
 */
@ApplicationScoped
public class StuckOrders {

    private final Venue venue;
    private final OrderLifecycle lifecycle;
    private final Duration grace;
    private final Clock clock;

    public StuckOrders(Venue venue, OrderLifecycle lifecycle, KillSwitchConfig config, Clock clock) {
        this.venue = venue;
        this.lifecycle = lifecycle;
        this.grace = config.unknownOrderGrace();
        this.clock = clock;
    }

    public Uni<Void> resolve(List<Order> open) {
        Instant before = clock.instant().minus(grace);
        List<Order> stuck = open.stream()
                .filter(o -> o.status() == OrderStatus.UNKNOWN || o.status() == OrderStatus.SUBMITTED)
                .filter(o -> o.createdAt().isBefore(before))
                .toList();
        return Multi.createFrom().iterable(stuck)
                .onItem().transformToUniAndConcatenate(this::resolve)
                .collect().last().replaceWithVoid();
    }

    private Uni<Order> resolve(Order order) {
        return venue.byClientOrderId(order.clientOrderId())
                .chain(report -> report != null
                        ? lifecycle.applyVenueReport(order, report, KillSwitchWorker.ACTOR)
                        : lifecycle.end(order, OrderStatus.REJECTED, RejectCode.VENUE_UNAVAILABLE.name(),
                                "order " + order.status() + " and unknown to the venue after " + grace
                                        + "; replaced by the next round", KillSwitchWorker.ACTOR))
                .onFailure().invoke(e -> Log.warnf("stuck order %s not resolved yet: %s", order.clientOrderId(),
                        e.getMessage()))
                .onFailure().recoverWithNull();
    }
}

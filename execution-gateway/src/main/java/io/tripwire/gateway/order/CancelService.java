package io.tripwire.gateway.order;

import io.tripwire.controlplane.order.OrderStatus;
import io.tripwire.controlplane.order.Order;
import io.tripwire.controlplane.order.OrderRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.reject.RejectException;
import io.tripwire.controlplane.venue.Venue;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Cancels orders. Cancels are never throttled and always allowed, halted or not: they only remove
 * risk. An order not yet sent is ended here; one at the venue is canceled there and the venue's
 * answer moves it forward.
 */
@ApplicationScoped
public class CancelService {

    private final Venue venue;
    private final OrderRepository orders;
    private final OrderLifecycle lifecycle;

    public CancelService(Venue venue, OrderRepository orders, OrderLifecycle lifecycle) {
        this.venue = venue;
        this.orders = orders;
        this.lifecycle = lifecycle;
    }

    public Uni<Order> cancel(UUID id, String actor) {
        return orders.find(id).chain(order -> {
            if (order == null) {
                return Uni.createFrom().failure(new RejectException(RejectCode.NOT_FOUND, "no order " + id));
            }
            if (!order.isOpen()) {
                return Uni.createFrom().failure(new RejectException(RejectCode.STATE_CONFLICT,
                        "order is " + order.status() + " and cannot be canceled", Map.of("status", order.status().name())));
            }
            if (order.status() == OrderStatus.NEW) {
                return lifecycle.end(order, OrderStatus.CANCELED, null, "canceled before it was sent", actor)
                        .onItem().ifNull().switchTo(() -> orders.find(id));
            }
            return venue.byClientOrderId(order.clientOrderId()).chain(atVenue -> {
                if (atVenue == null) {
                    return Uni.createFrom().failure(new RejectException(RejectCode.STATE_CONFLICT,
                            "order is not (yet) known at the venue; the reconciler resolves it"));
                }
                return venue.cancel(atVenue.venueOrderId())
                        .chain(() -> venue.byClientOrderId(order.clientOrderId()))
                        .chain(report -> report == null ? Uni.createFrom().nullItem() : lifecycle.applyVenueReport(order, report, actor))
                        .onItem().ifNull().switchTo(() -> orders.find(id));
            });
        });
    }

    /**
     * Cancels every working order: the venue's cancel-all first (stopping what works there must not wait
     * for PostgreSQL), then unsent orders here and the venue's answers booked. Returns how many were asked.
     * Fails when the bookkeeping fails, so a kill switch retries it (the venue's cancel-all is idempotent).
     */
    public Uni<Integer> cancelAll(String actor) {
        return venue.cancelAll().chain(reports -> orders.open(10_000).chain(open -> {
            List<Order> unsent = open.stream().filter(o -> o.status() == OrderStatus.NEW).toList();
            Map<String, Order> byClientId = open.stream().collect(Collectors.toMap(Order::clientOrderId, Function.identity()));
            Uni<Void> endUnsent = Multi.createFrom().iterable(unsent)
                    .onItem().transformToUniAndConcatenate(o -> lifecycle.end(o, OrderStatus.CANCELED, null,
                            "canceled by cancel-all before it was sent", actor).onFailure().recoverWithNull())
                    .collect().last().replaceWithVoid();
            Uni<Integer> booked = Multi.createFrom().iterable(reports)
                    .filter(r -> byClientId.containsKey(r.clientOrderId()))
                    .onItem().transformToUniAndConcatenate(r -> lifecycle.applyVenueReport(byClientId.get(r.clientOrderId()), r, actor)
                            .onFailure().recoverWithNull())
                    .collect().asList().map(List::size)
                    .map(n -> Math.max(n, reports.size()));
            return endUnsent.chain(() -> booked).map(n -> n + unsent.size())
                    .invoke(n -> Log.infof("cancel-all by %s: %d orders", actor, n));
        }));
    }
}

package io.tripwire.gateway.order;

import io.tripwire.controlplane.order.OrderStatus;
import io.tripwire.controlplane.order.Order;
import io.tripwire.controlplane.order.OrderRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.tripwire.gateway.admission.ExposureLedger;
import io.tripwire.controlplane.venue.VenueOrder;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * Moves an order forward (never back) and keeps the exposure ledger and the {@code orders:events}
 * stream in step with it. Every path that changes an order's status goes through here.
 */
@ApplicationScoped
public class OrderLifecycle {

    private final OrderRepository orders;
    private final ExposureLedger exposure;
    private final OrderEventsPublisher events;
    private final Clock clock;

    public OrderLifecycle(OrderRepository orders, ExposureLedger exposure, OrderEventsPublisher events, Clock clock) {
        this.orders = orders;
        this.exposure = exposure;
        this.events = events;
        this.clock = clock;
    }

    /** Applies a venue report; {@code null} item when it moved nothing (stale or repeated). */
    public Uni<Order> applyVenueReport(Order order, VenueOrder report, String actor) {
        return advance(order, report.status(), report.filledQty(), report.avgFillPrice(), report.venueOrderId(),
                null, null, actor, Map.of());
    }

    /** Marks an order as ended without (further) fills, with the reason. */
    public Uni<Order> end(Order order, OrderStatus status, String code, String message, String actor) {
        return advance(order, status, order.filledQty(), null, null, code, message, actor, Map.of("reason", message));
    }

    public Uni<Order> markSubmitted(Order order) {
        return advance(order, OrderStatus.SUBMITTED, order.filledQty(), null, null, null, null, "gateway", Map.of());
    }

    public Uni<Order> markUnknown(Order order, String why) {
        return advance(order, OrderStatus.UNKNOWN, order.filledQty(), null, null, null, null, "gateway",
                Map.of("reason", why));
    }

    private Uni<Order> advance(Order order, OrderStatus status, BigDecimal filled, BigDecimal avgPrice, String venueOrderId,
                               String code, String message, String actor, Map<String, Object> details) {
        UUID id = order.id();
        return orders.advance(id, status, filled, avgPrice, venueOrderId, code, message, actor, details, clock.instant())
                .onItem().ifNotNull().transformToUni(advanced -> settleExposure(order, advanced, status, filled)
                        .replaceWith(advanced.order())
                        .invoke(updated -> {
                            events.publish(updated);
                            Log.debugf("order %s %s -> %s (filled %s)", updated.clientOrderId(), advanced.previousStatus(),
                                    updated.status(), updated.filledQty().toPlainString());
                        }));
    }

    private Uni<Void> settleExposure(Order order, OrderRepository.Advanced before, OrderStatus status, BigDecimal filled) {
        BigDecimal newlyFilled = filled.subtract(before.previousFilled()).max(BigDecimal.ZERO);
        boolean buy = order.side().isBuy();
        Uni<Void> fill = exposure.fill(order.symbol(), buy, newlyFilled);
        if (!status.terminal()) {
            return fill;
        }
        BigDecimal totalFilled = filled.max(before.previousFilled());
        return fill.chain(() -> exposure.release(order.symbol(), buy, order.quantity().subtract(totalFilled)));
    }
}

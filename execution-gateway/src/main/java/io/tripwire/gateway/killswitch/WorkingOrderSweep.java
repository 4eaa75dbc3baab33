package io.tripwire.gateway.killswitch;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.state.KillSwitchMode;
import io.tripwire.controlplane.state.KillSwitchState;
import io.tripwire.gateway.order.CancelService;
import io.tripwire.controlplane.order.Order;
import io.tripwire.controlplane.order.OrderRepository;
import io.tripwire.controlplane.order.OrderStatus;
import io.tripwire.gateway.venue.VenueSubmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The safety net behind the activation's cancel-all, run every second while the switch is on: an order
 * whose submit was already past its last control-state check when the switch came on can reach the venue
 * after the cancel-all. Such orders are canceled here: under HALT_ONLY every working order that is not
 * reduce-only; under CLOSE_POSITIONS every working order that is not the switch's own (others would only
 * get in the way of the flattening).
 */
@ApplicationScoped
public class WorkingOrderSweep {

    private static final Set<OrderStatus> AT_THE_VENUE = Set.of(OrderStatus.SUBMITTED, OrderStatus.ACCEPTED,
            OrderStatus.PARTIALLY_FILLED);

    private final OrderRepository orders;
    private final CancelService cancels;
    private final KillSwitchEventRepository events;

    public WorkingOrderSweep(OrderRepository orders, CancelService cancels, KillSwitchEventRepository events) {
        this.orders = orders;
        this.cancels = cancels;
        this.events = events;
    }

    /** Cancels what must not be working under this switch; the item is how many were asked to cancel. */
    public Uni<Integer> sweep(KillSwitchState state) {
        return orders.open(10_000).chain(open -> {
            List<Order> stragglers = open.stream().filter(o -> mustNotWork(o, state.mode())).toList();
            if (stragglers.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            return Multi.createFrom().iterable(stragglers)
                    .onItem().transformToUniAndConcatenate(o -> cancels.cancel(o.id(), KillSwitchWorker.ACTOR)
                            .onFailure().invoke(e -> Log.warnf("straggler %s not canceled yet: %s", o.clientOrderId(),
                                    e.getMessage()))
                            .onFailure().recoverWithNull())
                    .collect().asList()
                    .call(canceled -> events.record(KillSwitchEventRepository.Kind.CANCEL_ALL, state.mode(), state.reason(),
                            "kill-switch", KillSwitchWorker.ACTOR, Map.of("stragglers", stragglers.size(),
                                    "kill_switch_version", state.version())))
                    .map(ignored -> stragglers.size());
        });
    }

    static boolean mustNotWork(Order order, KillSwitchMode mode) {
        if (!AT_THE_VENUE.contains(order.status()) || VenueSubmitter.FLATTEN_PROVENANCE.equals(order.provenance())) {
            return false;
        }
        return mode == KillSwitchMode.CLOSE_POSITIONS || !order.reduceOnly();
    }
}

package io.tripwire.gateway.venue;

import io.tripwire.controlplane.venue.Venue;
import io.tripwire.controlplane.venue.VenueOrderRequest;
import io.tripwire.controlplane.venue.VenueException;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.control.ControlStateReader;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.state.BreakerState;
import io.tripwire.controlplane.state.BreakerStatus;
import io.tripwire.controlplane.state.ControlRead;
import io.tripwire.controlplane.state.KillSwitchState;
import io.tripwire.gateway.GatewayConfig;
import io.tripwire.controlplane.order.Order;
import io.tripwire.gateway.order.OrderLifecycle;
import io.tripwire.controlplane.order.OrderRepository;
import io.tripwire.controlplane.order.OrderStatus;
import io.tripwire.controlplane.order.OrderType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * Sends admitted orders to the venue, asynchronously, so a slow venue never holds admission capacity.
 * Right before each send it re-reads the breaker and kill switch: an order admitted before a trip or
 * kill is not sent after it. A submit whose outcome is unknown leaves the order UNKNOWN for the
 * reconciler; it is never blindly resubmitted.
 */
@ApplicationScoped
public class VenueSubmitter {

    /** Orders still NEW this long after creation are picked up by the sweeper (overflow, or a crash). */
    static final Duration SWEEP_AFTER = Duration.ofSeconds(2);
    public static final String FLATTEN_PROVENANCE = "kill-switch";

    private final Venue venue;
    private final OrderLifecycle lifecycle;
    private final OrderRepository orders;
    private final ControlStateReader control;
    private final VenueErrorTracker errors;
    private final Pool pool;
    private final Clock clock;
    private final Semaphore inFlight;
    private final jakarta.enterprise.inject.Instance<OrderUpdateListener> listeners;

    public VenueSubmitter(Venue venue, OrderLifecycle lifecycle, OrderRepository orders, ControlStateReader control,
                          VenueErrorTracker errors, Pool pool, Clock clock, GatewayConfig config,
                          jakarta.enterprise.inject.Instance<OrderUpdateListener> listeners) {
        this.venue = venue;
        this.lifecycle = lifecycle;
        this.orders = orders;
        this.control = control;
        this.errors = errors;
        this.pool = pool;
        this.clock = clock;
        this.inFlight = new Semaphore(config.venue().maxInFlight());
        this.listeners = listeners;
    }

    /** Fire and forget: the order is durable already; what happens next is visible on the order. */
    public void dispatch(Order order) {
        if (!inFlight.tryAcquire()) {
            Log.debugf("venue submits saturated; %s waits for the sweeper", order.clientOrderId());
            return;
        }
        send(order).eventually(() -> inFlight.release())
                .subscribe().with(ignored -> { }, e -> Log.errorf(e, "dispatch of %s failed", order.clientOrderId()));
    }

    Uni<Void> send(Order order) {
        return control.tradingSwitches().chain(state -> {
            String blocked = blockedBy(order, state.breaker(), state.killSwitch());
            if (blocked != null) {
                RejectCode code = RejectCode.valueOf(blocked);
                return lifecycle.end(order, OrderStatus.CANCELED, code.name(), "not sent: " + code, "gateway").replaceWithVoid();
            }
            return lifecycle.markSubmitted(order).onItem().ifNotNull().transformToUni(this::submit).replaceWithVoid();
        });
    }

    private Uni<Order> submit(Order order) {
        var request = new VenueOrderRequest(order.clientOrderId(), order.symbol(), order.side().isBuy(), order.quantity(),
                order.type() == OrderType.LIMIT, order.limitPrice(), order.timeInForce().name());
        return venue.submit(request)
                .invoke(errors::success)
                .chain(report -> lifecycle.applyVenueReport(order, report, "venue"))
                // A fill in the submit answer is an order update like one the poller finds (automatic trips).
                .invoke(updated -> {
                    if (updated != null) {
                        listeners.forEach(l -> l.onOrderUpdate(updated));
                    }
                })
                .onFailure(VenueException.class).recoverWithUni(e -> failed(order, (VenueException) e));
    }

    private Uni<Order> failed(Order order, VenueException e) {
        int consecutive = errors.failure();
        Log.warnf("venue submit of %s failed (%s, %d in a row): %s", order.clientOrderId(), e.kind(), consecutive,
                e.getMessage());
        return switch (e.kind()) {
            // A refusal may be the venue saying it already has this client order id: look before concluding.
            case REJECTED -> venue.byClientOrderId(order.clientOrderId())
                    .onFailure().recoverWithNull()
                    .chain(found -> found != null
                            ? lifecycle.applyVenueReport(order, found, "venue")
                            : lifecycle.end(order, OrderStatus.REJECTED, RejectCode.VENUE_REJECTED.name(), e.getMessage(), "venue"));
            case NOT_SENT -> lifecycle.end(order, OrderStatus.REJECTED, RejectCode.VENUE_UNAVAILABLE.name(), e.getMessage(), "gateway");
            case OUTCOME_UNKNOWN -> lifecycle.markUnknown(order, e.getMessage());
        };
    }

    /** The reject code that stops this order from being sent now, or {@code null}. */
    static String blockedBy(Order order, ControlRead<BreakerState> breaker, ControlRead<KillSwitchState> kill) {
        if (!(breaker instanceof ControlRead.Present<BreakerState>(BreakerState b))
                || !(kill instanceof ControlRead.Present<KillSwitchState>(KillSwitchState k))) {
            return RejectCode.CONTROL_PLANE_UNAVAILABLE.name();
        }
        boolean flatten = FLATTEN_PROVENANCE.equals(order.provenance());
        if (b.state() == BreakerStatus.TRIPPED && !flatten) {
            return RejectCode.CIRCUIT_BREAKER_TRIPPED.name();
        }
        if (k.active() && !order.reduceOnly()) {
            return RejectCode.KILL_SWITCH_ACTIVE.name();
        }
        return null;
    }

    @Scheduled(every = "1s", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "submit-sweeper")
    Uni<Void> sweep() {
        return pool.withTransaction(tx -> orders.lockUnsent(tx, clock.instant().minus(SWEEP_AFTER), 200))
                .chain(unsent -> Multi.createFrom().iterable(unsent)
                        .onItem().transformToUniAndMerge(o -> send(o).onFailure().recoverWithNull())
                        .collect().last())
                .replaceWithVoid()
                .onFailure().invoke(e -> Log.warnf("submit sweep failed: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

}

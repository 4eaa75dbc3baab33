package io.tripwire.gateway.breaker;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.control.ControlStateReader;
import io.tripwire.controlplane.state.BreakerState;
import io.tripwire.controlplane.state.BreakerStatus;
import io.tripwire.controlplane.state.ControlRead;
import io.tripwire.gateway.GatewayConfig;
import io.tripwire.controlplane.order.Order;
import io.tripwire.gateway.venue.OrderUpdateListener;
import io.tripwire.controlplane.venue.Venue;
import io.tripwire.controlplane.venue.VenueAccount;
import io.tripwire.gateway.venue.VenueErrorTracker;
import io.tripwire.controlplane.venue.VenueException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs {@link AutoTripEvaluator} every {@code gateway.breaker.evaluation-interval} and on every order
 * update, and trips the breaker when a rule holds. Reading the venue account counts as a venue call for
 * the consecutive-error rule. Any exception inside the evaluation trips the breaker with
 * EVALUATOR_FAILURE: not being able to check the limits is treated as a breach.
 */
@ApplicationScoped
public class AutoTripMonitor implements OrderUpdateListener {

    public static final String ACTOR = "system:auto-trip";

    private final Venue venue;
    private final VenueErrorTracker errors;
    private final RejectStormWindow rejects;
    private final BreakerTrips trips;
    private final ControlStateReader reader;
    private final io.tripwire.gateway.riskconfig.LiveLimits limits;
    private final Clock clock;
    private final AtomicReference<EquityPeak> peak = new AtomicReference<>(EquityPeak.none());
    private final AtomicReference<VenueAccount> lastAccount = new AtomicReference<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final java.time.Duration spacing;

    public AutoTripMonitor(Venue venue, VenueErrorTracker errors, RejectStormWindow rejects, BreakerTrips trips,
                           ControlStateReader reader, GatewayConfig config, Clock clock,
                           io.tripwire.gateway.riskconfig.LiveLimits limits) {
        this.venue = venue;
        this.errors = errors;
        this.rejects = rejects;
        this.trips = trips;
        this.reader = reader;
        this.limits = limits;
        this.spacing = config.breaker().updateEvaluationSpacing();
        this.clock = clock;
    }

    @Scheduled(every = "${gateway.breaker.evaluation-interval:5s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "breaker-auto-trip")
    Uni<Void> scheduled() {
        return evaluateOnce().replaceWithVoid();
    }

    /**
     * Every order update asks for an evaluation; updates arriving during one, or within
     * {@code gateway.breaker.update-evaluation-spacing} after it, are folded into one more run (a fill
     * burst costs a few venue account reads per second, not one per fill).
     */
    @Override
    public void onOrderUpdate(Order updated) {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        evaluateOnce()
                .onFailure().invoke(e -> Log.errorf(e, "automatic-trip evaluation failed"))
                .onItemOrFailure().transformToUni((item, failure) -> spacing.isZero() ? Uni.createFrom().voidItem()
                        : Uni.createFrom().voidItem().onItem().delayIt().by(spacing))
                .onTermination().invoke(() -> {
                    running.set(false);
                    if (again.getAndSet(false)) {
                        onOrderUpdate(updated);
                    }
                }).subscribe().with(ignored -> { }, e -> Log.errorf(e, "automatic-trip evaluation failed"));
    }

    /** One evaluation; the item is the trip it decided on (empty when every limit holds). */
    public Uni<Optional<AutoTrip>> evaluateOnce() {
        Instant now = clock.instant();
        return lastReset().chain(resetAt -> venue.account()
                .invoke(account -> errors.success())
                .onFailure(VenueException.class).recoverWithItem(e -> {
                    int failures = errors.failure();
                    Log.warnf("venue account not readable (%d venue errors in a row): %s", failures, e.getMessage());
                    return null;
                })
                .map(account -> decide(account, now, resetAt)))
                .onFailure().recoverWithItem(e -> Optional.of(new AutoTrip(TripReason.EVALUATOR_FAILURE,
                        "automatic-trip evaluation failed: " + e, null, null)))
                .call(decision -> decision.map(this::tripUnlessTripped).orElseGet(() -> Uni.createFrom().voidItem()));
    }

    /** The latest venue account read by the monitor, or {@code null}. */
    public VenueAccount lastAccount() {
        return lastAccount.get();
    }

    /** Today's equity peak, or {@code null} before the first account read. */
    public EquityPeak peak() {
        return peak.get();
    }

    /**
     * The breaker's last reset as stored ({@code null} when unknown or unreadable: the whole window counts). A reset
     * made on another replica starts a new reject-storm window here too.
     */
    private Uni<Instant> lastReset() {
        return reader.breaker()
                .map(read -> read instanceof ControlRead.Present<BreakerState>(BreakerState s) ? s.resetAt() : null)
                .onFailure().recoverWithNull();
    }

    private Optional<AutoTrip> decide(VenueAccount account, Instant now, Instant resetAt) {
        if (account != null) {
            peak.updateAndGet(p -> p.observe(account, now));
            lastAccount.set(account);
        }
        var inputs = new AutoTripEvaluator.Inputs(account, account == null ? null : peak.get().peak(),
                errors.consecutiveFailures(), rejects.inWindow(resetAt));
        // the limits in force now: a risk config change applies to the next evaluation
        return new AutoTripEvaluator(AutoTripEvaluator.Limits.of(limits.breaker())).evaluate(inputs);
    }

    private Uni<Void> tripUnlessTripped(AutoTrip trip) {
        return reader.breaker().chain(read -> {
            if (read instanceof ControlRead.Present<BreakerState>(BreakerState s) && s.state() == BreakerStatus.TRIPPED) {
                return Uni.createFrom().voidItem();
            }
            return trips.trip(TripCommand.automatic(trip)).replaceWithVoid();
        }).onFailure().invoke(e -> Log.errorf("AUTOMATIC TRIP %s NOT APPLIED: %s", trip.reason(), e.getMessage()))
                .onFailure().recoverWithNull();
    }
}

package io.tripwire.gateway.breaker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.gateway.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Set;

/**
 * Counts refused orders within {@code gateway.breaker.reject-storm-window}, from the gateway's own
 * {@code execution_gateway_orders_total{status="REJECTED"}} counters (this replica). Refusals caused by a
 * halt already in force (breaker TRIPPED, kill switch) are not counted: they must not re-trip a breaker
 * right after its reset. A reset starts a new window: this replica's own at once ({@link BreakerWasReset}),
 * and one made on another replica (that event is local to it) when the evaluation passes the stored
 * {@code reset_at} to {@link #inWindow(Instant)}. Otherwise the refusals that tripped the breaker on this
 * replica would trip it again right after a reset made elsewhere.
 */
@ApplicationScoped
public class RejectStormWindow {

    static final Set<String> NOT_COUNTED = Set.of(RejectCode.CIRCUIT_BREAKER_TRIPPED.name(),
            RejectCode.KILL_SWITCH_ACTIVE.name());

    private record Sample(Instant at, double total) {
    }

    private final MeterRegistry registry;
    private final Duration window;
    private final Clock clock;
    private final Deque<Sample> samples = new ArrayDeque<>();

    @Inject
    public RejectStormWindow(MeterRegistry registry, GatewayConfig config, Clock clock) {
        this(registry, config.breaker().rejectStormWindow(), clock);
    }

    RejectStormWindow(MeterRegistry registry, Duration window, Clock clock) {
        this.registry = registry;
        this.window = window;
        this.clock = clock;
        samples.add(new Sample(clock.instant(), total()));
    }

    /** Refusals counted within the window ending now. */
    public int inWindow() {
        return inWindow(null);
    }

    /**
     * Refusals counted within the window ending now, none from before {@code resetAt} (the breaker's last
     * reset, by any replica; {@code null} when unknown). The baseline is the newest sample taken at or
     * before the later of the two starts.
     */
    public synchronized int inWindow(Instant resetAt) {
        Instant now = clock.instant();
        double total = total();
        samples.addLast(new Sample(now, total));
        Instant start = now.minus(window);
        // Keep the newest sample at or before the window start as the baseline.
        while (samples.size() > 1) {
            Iterator<Sample> oldest = samples.iterator();
            oldest.next();
            if (oldest.next().at().isAfter(start)) {
                break;
            }
            samples.removeFirst();
        }
        Sample baseline = samples.peekFirst();
        if (resetAt != null && resetAt.isAfter(start)) {
            for (Sample sample : samples) {
                if (sample.at().isAfter(resetAt)) {
                    break;
                }
                baseline = sample;
            }
        }
        return (int) Math.round(total - baseline.total());
    }

    /** Forgets every refusal so far. */
    public synchronized void clear() {
        samples.clear();
        samples.add(new Sample(clock.instant(), total()));
    }

    void onReset(@Observes BreakerWasReset reset) {
        clear();
    }

    private double total() {
        return registry.find("execution_gateway_orders").tag("status", "REJECTED").counters().stream()
                .filter(c -> !NOT_COUNTED.contains(c.getId().getTag("reason")))
                .mapToDouble(Counter::count).sum();
    }
}

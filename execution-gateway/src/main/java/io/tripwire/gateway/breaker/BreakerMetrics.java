package io.tripwire.gateway.breaker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tripwire.controlplane.state.BreakerState;
import io.tripwire.controlplane.state.ControlRead;
import io.tripwire.controlplane.state.KillSwitchMode;
import io.tripwire.controlplane.state.KillSwitchState;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The breaker's metrics (DESIGN.md §7): {@code cb_trip_total{reason}}, {@code cb_reset_total},
 * {@code cb_staleness_seconds} (real age of the last successful, parsable read of
 * {@code circuit_breaker:state}; it keeps growing while reads fail), {@code cb_state}
 * (0 OPEN, 1 QUIET_PERIOD, 2 TRIPPED, -1 unavailable) and {@code kill_switch_active}
 * (0 inactive, 1 HALT_ONLY, 2 CLOSE_POSITIONS, -1 unavailable).
 */
@Startup // the meters exist from the start, at zero, not from the first activation
@ApplicationScoped
public class BreakerMetrics {

    public static final int UNAVAILABLE = -1;

    private final Map<TripReason, Counter> trips = new EnumMap<>(TripReason.class);
    private final Counter resets;
    private final Clock clock;
    private final AtomicReference<Instant> lastGoodRead;
    private final AtomicInteger breakerCode = new AtomicInteger(UNAVAILABLE);
    private final AtomicInteger killSwitchCode = new AtomicInteger(UNAVAILABLE);

    public BreakerMetrics(MeterRegistry registry, Clock clock) {
        this.clock = clock;
        // Until the first good read the age counts from start: "never verified" must not look fresh.
        this.lastGoodRead = new AtomicReference<>(clock.instant());
        for (TripReason reason : TripReason.values()) {
            trips.put(reason, Counter.builder("cb_trip").description("Circuit breaker trips by reason")
                    .tag("reason", reason.name()).register(registry));
        }
        this.resets = Counter.builder("cb_reset").description("Circuit breaker resets").register(registry);
        gauge(registry, "cb_staleness_seconds", Gauge.builder("cb_staleness_seconds", this, BreakerMetrics::stalenessSeconds)
                .description("Age in seconds of the last successful, parsable read of circuit_breaker:state"));
        gauge(registry, "cb_state", Gauge.builder("cb_state", breakerCode, AtomicInteger::get)
                .description("Breaker state: 0 OPEN, 1 QUIET_PERIOD, 2 TRIPPED, -1 unavailable"));
        gauge(registry, "kill_switch_active", Gauge.builder("kill_switch_active", killSwitchCode, AtomicInteger::get)
                .description("Kill switch: 0 inactive, 1 HALT_ONLY, 2 CLOSE_POSITIONS, -1 unavailable"));
    }

    /**
     * Registers a gauge bound to this instance. A gauge of the same name left by an earlier application
     * start in the same JVM (dev-mode reload, test restarts) would keep reading that dead instance, so it
     * is removed first.
     */
    private static void gauge(MeterRegistry registry, String name, Gauge.Builder<?> builder) {
        registry.find(name).meters().forEach(registry::remove);
        builder.strongReference(true).register(registry);
    }

    public void tripped(TripReason reason) {
        trips.get(reason).increment();
    }

    public void reset() {
        resets.increment();
    }

    /** Records one probe of both control keys. */
    public void observe(ControlRead<BreakerState> breaker, ControlRead<KillSwitchState> killSwitch, Instant at) {
        if (breaker instanceof ControlRead.Present<BreakerState>(BreakerState state)) {
            lastGoodRead.set(at);
            breakerCode.set(state.state().restrictiveness());
        } else {
            breakerCode.set(UNAVAILABLE);
        }
        if (killSwitch instanceof ControlRead.Present<KillSwitchState>(KillSwitchState state)) {
            killSwitchCode.set(!state.active() ? 0 : state.mode() == KillSwitchMode.CLOSE_POSITIONS ? 2 : 1);
        } else {
            killSwitchCode.set(UNAVAILABLE);
        }
    }

    public Instant lastGoodRead() {
        return lastGoodRead.get();
    }

    public double stalenessSeconds() {
        return Math.max(0, Duration.between(lastGoodRead.get(), clock.instant()).toMillis() / 1000.0);
    }
}

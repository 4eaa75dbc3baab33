package io.tripwire.papervenue.fault;

import io.quarkus.logging.Log;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.reject.RejectException;
import io.tripwire.papervenue.PaperVenueConfig;
import io.tripwire.papervenue.market.SplitMix64;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the active fault settings (in memory: a restart clears them, which is the safe default) and
 * decides each request's faults from a counter-based seeded sequence. Every request consumes the
 * same three draws, so a given seed and request order always produce the same outcomes.
 */
@ApplicationScoped
public class FaultInjector {

    private static final long SCALE = 1_000_000L;

    private record Active(FaultSettings settings, AtomicLong draws) {
    }

    private final PaperVenueConfig config;
    private final AtomicReference<Active> active;

    public FaultInjector(PaperVenueConfig config) {
        this.config = config;
        this.active = new AtomicReference<>(new Active(FaultSettings.none(config.seed()), new AtomicLong()));
    }

    public FaultSettings current() {
        return active.get().settings();
    }

    /** Replaces the settings and restarts the seeded sequence. */
    public FaultSettings set(FaultSettings requested, String actor) {
        FaultSettings settings = requested.normalized(config.seed());
        if (Duration.ofMillis(settings.latencyMs()).compareTo(config.faults().maxLatency()) > 0) {
            throw new RejectException(RejectCode.VALIDATION_FAILED,
                    "latency_ms exceeds the maximum of " + config.faults().maxLatency().toMillis());
        }
        active.set(new Active(settings, new AtomicLong()));
        Log.warnf("Paper venue faults set by %s: %s", actor, settings);
        return settings;
    }

    public FaultSettings clear(String actor) {
        active.set(new Active(FaultSettings.none(config.seed()), new AtomicLong()));
        Log.infof("Paper venue faults cleared by %s", actor);
        return current();
    }

    /** This request's faults; {@code createsOrder} for submissions and position closes. */
    public FaultPlan plan(boolean createsOrder) {
        Active now = active.get();
        FaultSettings s = now.settings();
        if (!s.active()) {
            return FaultPlan.NONE;
        }
        long n = now.draws().getAndAdd(3);
        boolean error = hit(s.seed(), n, s.errorRate());
        int status = Math.floorMod(SplitMix64.at(s.seed(), n + 1), 2) == 0 ? 500 : 503;
        boolean hold = createsOrder && hit(s.seed(), n + 2, s.acceptThenTimeoutRate());
        return new FaultPlan(Duration.ofMillis(s.latencyMs()), error ? status : 0, createsOrder && s.rejectAll(), hold);
    }

    public Duration holdDuration() {
        return config.faults().acceptThenTimeoutHold();
    }

    private static boolean hit(long seed, long n, BigDecimal rate) {
        long threshold = rate.multiply(BigDecimal.valueOf(SCALE)).longValue();
        return Math.floorMod(SplitMix64.at(seed, n), SCALE) < threshold;
    }
}

package io.tripwire.gateway.breaker;

import io.tripwire.gateway.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This replica's last sighting of a TRIPPED breaker. While it is younger than
 * {@code gateway.breaker.tripped-refusal-cache}, orders are refused without asking Redis (ADR 0031):
 * during a halt, a reject storm then costs no control-plane round trips. Only a refusal is ever taken
 * from here; every admission still goes through the one Redis decision.
 *
 * <p>A read that was started before this replica last saw the breaker not TRIPPED is older news than
 * that sighting: {@link #sawTripped(long)} ignores it, so a probe or admission answer that was already
 * on its way cannot undo a reset this replica has just made or seen.
 */
@ApplicationScoped
public class RecentTrip {

    private static final long NEVER = Long.MIN_VALUE / 2;

    private final Clock clock;
    private final long windowMillis;
    private final AtomicLong clearings = new AtomicLong();
    private volatile long trippedSeenAt = NEVER;
    private volatile Map<String, Object> lastTrip = Map.of();

    @Inject
    public RecentTrip(Clock clock, GatewayConfig config) {
        this(clock, config.breaker().trippedRefusalCache());
    }

    RecentTrip(Clock clock, Duration window) {
        this.clock = clock;
        this.windowMillis = window.toMillis();
    }

    /** This replica tripped the breaker itself: nothing is older news than that. */
    public void sawTripped(Map<String, Object> trip) {
        lastTrip = trip;
        trippedSeenAt = clock.millis();
    }

    /** Taken before a read of the breaker; pass it to {@link #sawTripped(long)} with the answer. */
    public long readStarted() {
        return clearings.get();
    }

    /** A read started at {@code readStarted} answered TRIPPED; ignored if the breaker was seen not TRIPPED since. */
    public synchronized void sawTripped(long readStarted, Map<String, Object> trip) {
        if (readStarted == clearings.get()) {
            lastTrip = trip;
            trippedSeenAt = clock.millis();
        }
    }

    /** The trip of the last TRIPPED sighting ({@link TripDetails}), for the body of a local refusal. */
    public Map<String, Object> lastTrip() {
        return lastTrip;
    }

    /** The breaker was seen not TRIPPED (an order got past the breaker check, a probe read it, a reset). */
    public synchronized void sawNotTripped() {
        clearings.incrementAndGet();
        trippedSeenAt = NEVER;
    }

    /** True while a TRIPPED sighting is recent enough to refuse on. */
    public boolean refuse() {
        return windowMillis > 0 && clock.millis() - trippedSeenAt < windowMillis;
    }

    void onReset(@Observes BreakerWasReset reset) {
        sawNotTripped();
    }
}

package io.tripwire.gateway.breaker;

import io.tripwire.gateway.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;

/**
 * This replica's last sighting of a TRIPPED breaker. While it is younger than
 * {@code gateway.breaker.tripped-refusal-cache}, orders are refused without asking Redis (ADR 0031):
 * during a halt, a reject storm then costs no control-plane round trips. Only a refusal is ever taken
 * from here; every admission still goes through the one Redis decision.
 */
@ApplicationScoped
public class RecentTrip {

    private static final long NEVER = Long.MIN_VALUE / 2;

    private final Clock clock;
    private final long windowMillis;
    private volatile long trippedSeenAt = NEVER;

    @Inject
    public RecentTrip(Clock clock, GatewayConfig config) {
        this(clock, config.breaker().trippedRefusalCache());
    }

    RecentTrip(Clock clock, Duration window) {
        this.clock = clock;
        this.windowMillis = window.toMillis();
    }

    public void sawTripped() {
        trippedSeenAt = clock.millis();
    }

    /** The breaker was seen not TRIPPED (an order got past the breaker check, a probe read it, a reset). */
    public void sawNotTripped() {
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

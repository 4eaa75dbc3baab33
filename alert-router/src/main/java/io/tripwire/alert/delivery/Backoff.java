package io.tripwire.alert.delivery;

import io.tripwire.alert.config.AlertRouterConfig;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Delay before the next attempt: initial × multiplier^(attempt-1), capped, spread by ± jitter; never shorter than
 * the provider's own wait (Retry-After / X-RateLimit-Reset), which is itself capped.
 */
public final class Backoff {

    private final Duration initial;
    private final double multiplier;
    private final Duration max;
    private final double jitter;
    private final Duration maxRetryAfter;
    private final DoubleSupplier random;

    public Backoff(AlertRouterConfig.Backoff config, DoubleSupplier random) {
        this(config.initial(), config.multiplier(), config.max(), config.jitter(), config.maxRetryAfter(), random);
    }

    public Backoff(Duration initial, double multiplier, Duration max, double jitter, Duration maxRetryAfter, DoubleSupplier random) {
        this.initial = initial;
        this.multiplier = multiplier;
        this.max = max;
        this.jitter = jitter;
        this.maxRetryAfter = maxRetryAfter;
        this.random = random;
    }

    /** @param attempt the attempt that just failed (1 = first) */
    public Duration delay(int attempt, Duration providerWait) {
        double base = initial.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
        double capped = Math.min(base, max.toMillis());
        double spread = capped * (1 - jitter + 2 * jitter * random.getAsDouble());
        Duration computed = Duration.ofMillis(Math.max(1, Math.round(spread)));
        if (providerWait == null) {
            return computed;
        }
        Duration honoured = providerWait.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : providerWait;
        return honoured.compareTo(computed) > 0 ? honoured : computed;
    }
}

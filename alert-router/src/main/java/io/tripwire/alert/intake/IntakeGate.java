package io.tripwire.alert.intake;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.tripwire.alert.config.AlertRouterConfig;
import io.tripwire.alert.delivery.AlertMetrics;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.reject.RejectException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Bounds the HTTP intake: at most {@code alert.intake.max-in-flight} stores at once; beyond that 429
 * {@code RATE_LIMITED} with Retry-After, and a store PostgreSQL cannot take is 503 — the caller keeps the alert and
 * retries. Every refusal is counted (alert_intake_rejected_total); nothing is dropped silently.
 */
@ApplicationScoped
public class IntakeGate {

    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(10);

    private final int max;
    private final AlertMetrics metrics;
    private final AtomicInteger inFlight = new AtomicInteger();

    public IntakeGate(AlertRouterConfig config, AlertMetrics metrics) {
        this.max = config.intake().maxInFlight();
        this.metrics = metrics;
    }

    public <T> Uni<T> admit(String intake, Supplier<Uni<T>> store) {
        return Uni.createFrom().deferred(() -> {
            if (inFlight.incrementAndGet() > max) {
                inFlight.decrementAndGet();
                metrics.intakeRejected(intake, "full");
                return Uni.createFrom().failure(new RejectException(RejectCode.RATE_LIMITED,
                        "alert intake is full; nothing was stored, retry after the given delay", Map.of("retry_after_ms", 1000)));
            }
            return store.get()
                    .ifNoItem().after(STORE_TIMEOUT).fail()
                    .onFailure(e -> !(e instanceof RejectException)).transform(e -> {
                        metrics.intakeRejected(intake, "store_unavailable");
                        Log.errorf("alert intake (%s) could not store: %s", intake, e.toString());
                        return new RejectException(RejectCode.CONTROL_PLANE_UNAVAILABLE,
                                "alert not stored: PostgreSQL is unavailable; retry", Map.of());
                    })
                    .onTermination().invoke(inFlight::decrementAndGet);
        });
    }
}

package io.tripwire.reconciler.run;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reconciler's metrics (DESIGN.md §7): {@code reconciliation_last_success_timestamp_seconds}
 * (registered once a success is known, so "never succeeded" is an absent series),
 * {@code reconciliation_mismatches_total{kind}}, {@code reconciliation_duration_seconds},
 * {@code reconciliation_runs_total{outcome}} and {@code reconciler_active}.
 */
@ApplicationScoped
public class ReconcilerMetrics {

    /** The kinds a run reports (RunLog.mismatch callers): registered at 0 from the start, so a quiet desk shows 0, not no data. */
    static final java.util.List<String> MISMATCH_KINDS = java.util.List.of("order_status", "order_not_found", "order_conflict",
            "orphan", "position", "exposure", "control_state");

    private final MeterRegistry registry;
    private final AtomicLong lastSuccessMillis = new AtomicLong();
    private final AtomicLong active = new AtomicLong();
    private final Timer duration;
    private volatile boolean lastSuccessRegistered;

    public ReconcilerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.duration = Timer.builder("reconciliation.duration").description("Duration of one reconciliation run")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofSeconds(300)).register(registry);
        Gauge.builder("reconciler.active", active, AtomicLong::get)
                .description("1 while this instance holds the reconciler lease").register(registry);
        MISMATCH_KINDS.forEach(kind -> mismatches(kind));
    }

    private Counter mismatches(String kind) {
        return Counter.builder("reconciliation.mismatches").description("Differences found by reconciliation, by kind")
                .tag("kind", kind).register(registry);
    }

    /** A run ended; a READY one also moves the last-success timestamp. */
    public void finished(RunLog log, String outcome, Instant finishedAt) {
        duration.record(Duration.between(log.startedAt(), finishedAt));
        Counter.builder("reconciliation.runs").tag("outcome", outcome).register(registry).increment();
        for (Map.Entry<String, Long> m : log.mismatches().entrySet()) {
            mismatches(m.getKey()).increment(m.getValue());
        }
        if ("READY".equals(outcome)) {
            success(finishedAt);
        }
    }

    /** A success known from elsewhere (another instance's run, read back from Redis). */
    public void success(Instant at) {
        lastSuccessMillis.accumulateAndGet(at.toEpochMilli(), Math::max);
        if (!lastSuccessRegistered) {
            synchronized (this) {
                if (!lastSuccessRegistered) {
                    Gauge.builder("reconciliation.last.success.timestamp.seconds", lastSuccessMillis, v -> v.get() / 1000.0)
                            .description("End of the last successful reconciliation, epoch seconds").register(registry);
                    lastSuccessRegistered = true;
                }
            }
        }
    }

    public void active(boolean isActive) {
        active.set(isActive ? 1 : 0);
    }
}

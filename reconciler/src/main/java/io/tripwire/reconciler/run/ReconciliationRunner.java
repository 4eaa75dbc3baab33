package io.tripwire.reconciler.run;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.alert.Alert;
import io.tripwire.controlplane.alert.AlertPublisher;
import io.tripwire.controlplane.alert.Severity;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.reject.RejectException;
import io.tripwire.controlplane.state.ControlRead;
import io.tripwire.controlplane.state.ReconciliationState;
import io.tripwire.controlplane.state.ReconciliationStatus;
import io.tripwire.reconciler.config.ReconcilerConfig;
import io.tripwire.reconciler.lease.Fence;
import io.tripwire.reconciler.lease.FencedException;
import io.tripwire.reconciler.lease.ReconcilerLease;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one reconciliation at a time on the instance holding the lease: {@code reconciliation:state}
 * RUNNING (unless it was READY: a run on a READY system keeps it READY while it works) → the steps →
 * READY, or FAILED with the reason (the gateway stays reduce-only). Every run leaves a
 * {@code reconciliation_runs} row and its metrics; a failure raises a CRITICAL alert.
 */
@ApplicationScoped
public class ReconciliationRunner {

    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    private final ReconcilerLease lease;
    private final ReconciliationStateStore state;
    private final RunRepository runs;
    private final RunSteps steps;
    private final ReconcilerMetrics metrics;
    private final AlertPublisher alerts;
    private final ReconcilerConfig config;
    private final Clock clock;
    private final AtomicReference<String> current = new AtomicReference<>();

    public ReconciliationRunner(ReconcilerLease lease, ReconciliationStateStore state, RunRepository runs, RunSteps steps,
                                ReconcilerMetrics metrics, AlertPublisher alerts, ReconcilerConfig config, Clock clock) {
        this.lease = lease;
        this.state = state;
        this.runs = runs;
        this.steps = steps;
        this.metrics = metrics;
        this.alerts = alerts;
        this.config = config;
        this.clock = clock;
    }

    /** The run in progress on this instance, or {@code null}. */
    public String running() {
        return current.get();
    }

    /**
     * Runs now. Fails with {@link RunInProgressException} when this instance is already running one, and
     * with STATE_CONFLICT when another instance holds the lease.
     */
    public Uni<RunRecord> run(String trigger) {
        String busy = current.get();
        if (busy != null) {
            return Uni.createFrom().failure(new RunInProgressException(busy));
        }
        return lease.acquire().chain(grant -> {
            metrics.active(grant.active());
            if (!grant.active()) {
                return Uni.createFrom().failure(new RejectException(RejectCode.STATE_CONFLICT,
                        "this reconciler is standby; another instance holds the lease"));
            }
            String runId = "rec-" + ID.format(clock.instant()) + "-" + UUID.randomUUID().toString().substring(0, 8);
            if (!current.compareAndSet(null, runId)) {
                return Uni.createFrom().failure(new RunInProgressException(current.get()));
            }
            return execute(grant.fence(), trigger, new RunLog(runId, clock.instant(), config.maxReportEntries()))
                    .eventually(() -> current.compareAndSet(runId, null));
        });
    }

    private Uni<RunRecord> execute(Fence fence, String trigger, RunLog log) {
        return state.read().chain(read -> {
            boolean wasReady = read instanceof ControlRead.Present<ReconciliationState>(ReconciliationState s)
                    && s.state() == ReconciliationStatus.READY;
            boolean wasFailed = read instanceof ControlRead.Present<ReconciliationState>(ReconciliationState s)
                    && s.state() == ReconciliationStatus.FAILED;
            Log.infof("Reconciliation %s (%s) starts on %s; state was %s", log.runId(), trigger, fence.instance(),
                    wasReady ? "READY" : read);
            Uni<Void> gate = wasReady ? Uni.createFrom().voidItem() : state.write(fence, new ReconciliationState(
                    ReconciliationStatus.RUNNING, log.runId(), log.startedAt(), null));
            return gate
                    .chain(() -> fence.withTransaction(tx -> runs.insert(tx, new RunRecord(log.runId(), trigger,
                            fence.instance(), fence.token(), "RUNNING", log.startedAt(), null, null, null, Map.of(),
                            List.of(), null, null, null))))
                    .chain(() -> steps.run(fence, log).ifNoItem().after(config.runTimeout())
                            .failWith(() -> new IllegalStateException("run exceeded reconciler.run-timeout " + config.runTimeout())))
                    .chain(() -> succeed(fence, log, wasFailed))
                    .onFailure().recoverWithUni(e -> fail(fence, log, e));
        });
    }

    private Uni<RunRecord> succeed(Fence fence, RunLog log, boolean wasFailed) {
        Instant finished = clock.instant();
        return fence.withTransaction(tx -> runs.finish(tx, log, "READY", finished, log.startedAt(), null))
                .chain(() -> state.write(fence, new ReconciliationState(ReconciliationStatus.READY, log.runId(),
                        log.startedAt(), finished)))
                .invoke(() -> {
                    metrics.finished(log, "READY", finished);
                    Log.infof("Reconciliation %s READY in %d ms: %s", log.runId(),
                            finished.toEpochMilli() - log.startedAt().toEpochMilli(), log.counts());
                })
                .call(() -> wasFailed ? alerts.publish(new Alert(Severity.CRITICAL, "reconciler",
                        "Reconciliation succeeded again: trading may resume", Map.of("run_id", log.runId()),
                        "reconciler:run-failed", true, finished)) : Uni.createFrom().voidItem())
                .chain(() -> runs.find(log.runId()));
    }

    private Uni<RunRecord> fail(Fence fence, RunLog log, Throwable cause) {
        Instant finished = clock.instant();
        String reason = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        metrics.finished(log, cause instanceof FencedException ? "FENCED" : "FAILED", finished);
        if (cause instanceof FencedException) {
            Log.warnf("Reconciliation %s stopped: %s (another instance is active)", log.runId(), cause.getMessage());
            return Uni.createFrom().failure(cause);
        }
        Log.errorf("Reconciliation %s FAILED: %s", log.runId(), reason);
        return fence.withTransaction(tx -> runs.finish(tx, log, "FAILED", finished, null, reason))
                .onFailure().invoke(e -> Log.errorf("run %s: FAILED row not written: %s", log.runId(), e.getMessage()))
                .onFailure().recoverWithNull()
                .chain(() -> state.write(fence, new ReconciliationState(ReconciliationStatus.FAILED, log.runId(),
                        log.startedAt(), finished)))
                .onFailure().invoke(e -> Log.errorf("run %s: FAILED state not written: %s", log.runId(), e.getMessage()))
                .onFailure().recoverWithNull()
                .chain(() -> alerts.publish(new Alert(Severity.CRITICAL, "reconciler",
                        "Reconciliation failed: only reduce-only orders pass until a run succeeds",
                        Map.of("run_id", log.runId(), "reason", reason), "reconciler:run-failed", false, finished)))
                .chain(() -> runs.find(log.runId()).onFailure().recoverWithNull())
                .map(record -> record != null ? record : new RunRecord(log.runId(), "?", fence.instance(), fence.token(),
                        "FAILED", log.startedAt(), finished, null, null, new java.util.TreeMap<String, Object>(log.counts()), List.of(), reason, null, null));
    }
}

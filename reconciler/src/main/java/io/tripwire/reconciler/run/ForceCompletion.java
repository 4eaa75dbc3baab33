package io.tripwire.reconciler.run;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.audit.AuditEntry;
import io.tripwire.controlplane.audit.AuditWriter;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.reject.RejectException;
import io.tripwire.controlplane.state.ControlRead;
import io.tripwire.controlplane.state.ReconciliationState;
import io.tripwire.controlplane.state.ReconciliationStatus;
import io.tripwire.controlplane.heartbeat.InstanceId;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Operator override: sets {@code reconciliation:state} READY without a successful run, audited with
 * the operator and reason, recorded as a FORCED run. The audit row, the run row and the Redis write
 * succeed together or not at all (503). It does not rebuild exposure or restore control keys.
 */
@ApplicationScoped
public class ForceCompletion {

    public static final int MIN_REASON_LENGTH = 20;

    private final ReconciliationStateStore state;
    private final RunRepository runs;
    private final AuditWriter audit;
    private final Pool pool;
    private final InstanceId instance;
    private final Clock clock;

    public ForceCompletion(ReconciliationStateStore state, RunRepository runs, AuditWriter audit, Pool pool,
                           InstanceId instance, Clock clock) {
        this.state = state;
        this.runs = runs;
        this.audit = audit;
        this.pool = pool;
        this.instance = instance;
        this.clock = clock;
    }

    public Uni<RunRecord> force(String reason, String actor) {
        if (reason == null || reason.strip().length() < MIN_REASON_LENGTH) {
            return Uni.createFrom().failure(new RejectException(RejectCode.VALIDATION_FAILED,
                    "reason must be at least " + MIN_REASON_LENGTH + " characters",
                    Map.of("fields", Map.of("reason", "at least " + MIN_REASON_LENGTH + " characters"))));
        }
        return state.read().chain(read -> {
            if (read instanceof ControlRead.Present<ReconciliationState>(ReconciliationState s)
                    && s.state() == ReconciliationStatus.READY) {
                return Uni.createFrom().failure(new RejectException(RejectCode.STATE_CONFLICT,
                        "reconciliation is already READY (run " + s.runId() + ")"));
            }
            if (read instanceof ControlRead.Unavailable<ReconciliationState> u && u.cause() == ControlRead.Cause.UNREADABLE) {
                return Uni.createFrom().failure(new RejectException(RejectCode.CONTROL_PLANE_UNAVAILABLE,
                        "Redis unreadable: " + u.detail()));
            }
            Instant now = clock.instant();
            String runId = "forced-" + UUID.randomUUID().toString().substring(0, 8);
            String previous = read instanceof ControlRead.Present<ReconciliationState>(ReconciliationState s)
                    ? s.state().name() : "MISSING";
            RunRecord record = new RunRecord(runId, "FORCED", instance.value(), 0, "FORCED", now, now, 0L, null,
                    Map.of("previous_state", previous), List.of(), null, actor, reason.strip());
            return pool.withTransaction(tx -> runs.insert(tx, record)
                            .chain(() -> audit.append(tx, AuditEntry.success(actor, "RECONCILIATION_FORCE_COMPLETED",
                                    "reconciliation", runId, reason.strip(), Map.of("previous_state", previous))))
                            .chain(() -> state.writeUnfenced(new ReconciliationState(ReconciliationStatus.READY, runId, now, now))))
                    .onFailure(e -> !(e instanceof RejectException))
                    .transform(e -> new RejectException(RejectCode.CONTROL_PLANE_UNAVAILABLE,
                            "force-complete needs PostgreSQL, Redis and the audit row: " + e.getMessage()))
                    .invoke(() -> Log.warnf("Reconciliation FORCED to READY by %s (was %s): %s", actor, previous, reason))
                    .chain(() -> runs.find(runId));
        });
    }
}

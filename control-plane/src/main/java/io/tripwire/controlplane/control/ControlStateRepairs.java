package io.tripwire.controlplane.control;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.alert.Alert;
import io.tripwire.controlplane.alert.AlertPublisher;
import io.tripwire.controlplane.alert.Severity;
import io.tripwire.controlplane.audit.AuditEntry;
import io.tripwire.controlplane.audit.AuditWriter;
import io.tripwire.controlplane.state.ControlValue;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * Background repair of a store that missed a safety-increasing change: retried every
 * {@code tripwire.control-state.repair-interval} until it succeeds, with an alert when scheduled.
 * If this process dies first, the reconciler's most-restrictive merge finishes the job.
 */
@ApplicationScoped
public class ControlStateRepairs {

    /** One outstanding repair; {@code attempt} returns true when done. */
    private interface Repair {
        Uni<Boolean> attempt();

        String describe();
    }

    private final ConcurrentLinkedQueue<Repair> pending = new ConcurrentLinkedQueue<>();
    private final Pool pool;
    private final PostgresControlStore postgres;
    private final AuditWriter audit;
    private final AlertPublisher alerts;
    private final ControlStateReconciler reconciler;
    private final Clock clock;

    public ControlStateRepairs(Pool pool, PostgresControlStore postgres, AuditWriter audit, AlertPublisher alerts,
                               ControlStateReconciler reconciler, Clock clock) {
        this.pool = pool;
        this.postgres = postgres;
        this.audit = audit;
        this.alerts = alerts;
        this.reconciler = reconciler;
        this.clock = clock;
    }

    public int pendingCount() {
        return pending.size();
    }

    /** Re-merges both stores for a key (e.g. Redis missed a write). */
    public <T extends ControlValue> void scheduleReconcile(ControlKey<T> key, String why) {
        enqueue(new Repair() {
            public Uni<Boolean> attempt() {
                return reconciler.reconcile(key).map(outcome -> true);
            }

            public String describe() {
                return "reconcile " + key.logicalName() + " (" + why + ")";
            }
        }, Store.REDIS, key.logicalName());
    }

    /** Writes a change that only reached Redis into PostgreSQL, keeping its actor, action and reason. */
    public <T extends ControlValue> void schedulePostgresWrite(ControlChange<T> change, T previous, T next, Throwable cause) {
        enqueue(new Repair() {
            public Uni<Boolean> attempt() {
                return writeLate(change, next).map(ignored -> true);
            }

            public String describe() {
                return change.action() + " on " + change.key().logicalName() + " not yet in PostgreSQL (" + cause.getMessage() + ")";
            }
        }, Store.POSTGRES, change.key().logicalName());
    }

    /**
     * Retries a secondary PostgreSQL record of a change already in force (e.g. a breaker event row) that could not be
     * written, until it lands; {@code write} must build a fresh write on each call. In memory only: if this process
     * dies first the record is lost, the change itself is not (it is in {@code control_events}).
     */
    public void scheduleRecord(String what, Supplier<Uni<Void>> write) {
        pending.add(new Repair() {
            public Uni<Boolean> attempt() {
                return write.get().map(ignored -> true);
            }

            public String describe() {
                return what + " not yet in PostgreSQL";
            }
        });
        Log.warnf("PostgreSQL missed %s; retrying in background", what);
    }

    @Scheduled(every = "${tripwire.control-state.repair-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "control-state-repairs")
    Uni<Void> runPending() {
        List<Repair> batch = List.copyOf(pending);
        return Multi.createFrom().iterable(batch)
                .onItem().transformToUniAndConcatenate(repair -> repair.attempt()
                        .onFailure().invoke(e -> Log.warnf("Repair still failing: %s: %s", repair.describe(), e.getMessage()))
                        .onFailure().recoverWithItem(false)
                        .invoke(done -> {
                            if (done) {
                                pending.remove(repair);
                                Log.infof("Repaired: %s", repair.describe());
                            }
                        }))
                .collect().last().replaceWithVoid();
    }

    private void enqueue(Repair repair, Store store, String logicalKey) {
        pending.add(repair);
        Log.errorf("Control-state store %s missed a write; repairing in background: %s", store, repair.describe());
        alerts.publish(new Alert(Severity.CRITICAL, "control-plane",
                "Control-state store " + store + " missed a safety write on " + logicalKey,
                Map.of("store", store.name(), "key", logicalKey, "repair", repair.describe()),
                "control-state-store-" + store.name().toLowerCase(), false, clock.instant()))
                .subscribe().with(id -> { }, e -> { });
    }

    private <T extends ControlValue> Uni<Void> writeLate(ControlChange<T> change, T next) {
        return pool.withTransaction(tx -> postgres.read(tx, change.key(), true).chain(stored -> {
            T merged = MostRestrictive.of(stored.value(), next);
            if (stored.exists() && Objects.equals(merged, stored.value())) {
                return Uni.createFrom().voidItem(); // PostgreSQL already holds it, or something stricter
            }
            long version = Math.max(next == null ? 0 : next.version(), stored.version() + 1);
            @SuppressWarnings("unchecked")
            T versioned = next == null ? null : (T) next.withVersion(version);
            Map<String, Object> details = new HashMap<>(change.details());
            details.put("version", version);
            details.put("written_late", true);
            return postgres.write(tx, change.key(), "SAFETY_" + change.safety().name(), change.action(), stored.value(),
                            versioned, version, change.actor(), change.reason(), clock.instant())
                    .chain(() -> audit.append(tx, AuditEntry.success(change.actor(), change.action(), "control_state",
                            change.key().logicalName(), change.reason(), details)))
                    .replaceWithVoid();
        }));
    }
}

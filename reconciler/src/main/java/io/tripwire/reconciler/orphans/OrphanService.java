package io.tripwire.reconciler.orphans;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.alert.Alert;
import io.tripwire.controlplane.alert.AlertPublisher;
import io.tripwire.controlplane.alert.Severity;
import io.tripwire.controlplane.audit.AuditEntry;
import io.tripwire.controlplane.audit.AuditWriter;
import io.tripwire.controlplane.control.ControlChanges;
import io.tripwire.controlplane.control.ControlStateService;
import io.tripwire.controlplane.keys.RedisKeys;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.reject.RejectException;
import io.tripwire.reconciler.lease.Fence;
import io.tripwire.reconciler.orders.OrderAction;
import io.tripwire.reconciler.run.RunLog;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Orphans: venue orders Tripwire never sent. Each is recorded once in {@code orphan_orders} with a
 * CRITICAL alert, and every symbol with an open orphan is quarantined for all strategies
 * ({@code quarantine:*:{SYMBOL}}) until an operator clears the orphan (audited).
 */
@ApplicationScoped
public class OrphanService {

    static final String QUARANTINE_REASON = "orphan_order_detected";
    static final String ACTOR = "system:reconciler";

    private final OrphanRepository repository;
    private final ControlStateService control;
    private final AlertPublisher alerts;
    private final AuditWriter audit;
    private final Pool pool;
    private final Clock clock;

    public OrphanService(OrphanRepository repository, ControlStateService control, AlertPublisher alerts,
                         AuditWriter audit, Pool pool, Clock clock) {
        this.repository = repository;
        this.control = control;
        this.alerts = alerts;
        this.audit = audit;
        this.pool = pool;
        this.clock = clock;
    }

    /** Records the orphans of this run, then (re-)asserts the quarantine of every symbol with an open orphan. */
    public Uni<Void> record(Fence fence, RunLog log, List<OrderAction.Orphan> orphans) {
        Instant now = clock.instant();
        return Multi.createFrom().iterable(orphans)
                .onItem().transformToUniAndConcatenate(o -> fence.withTransaction(tx ->
                                repository.upsert(tx, o.report(), log.runId(), now))
                        .call(isNew -> isNew ? announce(log, o) : Uni.createFrom().voidItem()))
                .collect().last()
                .chain(() -> repository.openSymbols())
                .invoke(symbols -> log.count("orphan_symbols_quarantined", symbols.size()))
                .chain(symbols -> Multi.createFrom().iterable(symbols)
                        .onItem().transformToUniAndConcatenate(symbol -> fence.check().chain(() -> control.apply(
                                ControlChanges.quarantine(RedisKeys.ALL_STRATEGIES, symbol, QUARANTINE_REASON, ACTOR))))
                        .onItem().invoke(result -> {
                            if (result.changed()) {
                                log.count("quarantine_set");
                            }
                        })
                        .collect().last())
                .replaceWithVoid();
    }

    private Uni<Void> announce(RunLog log, OrderAction.Orphan orphan) {
        var r = orphan.report();
        Map<String, Object> detail = Map.of("venue_order_id", r.venueOrderId(), "client_order_id", r.clientOrderId(),
                "symbol", r.symbol(), "side", r.buy() ? "BUY" : "SELL", "status", r.status().name(),
                "filled_qty", r.filledQty().toPlainString(), "run_id", log.runId());
        log.mismatch("orphan", "orphan_order", detail);
        Log.warnf("Orphan order at the venue: %s (%s) %s; quarantining %s", r.venueOrderId(), r.clientOrderId(),
                r.symbol(), r.symbol());
        return alerts.publish(new Alert(Severity.CRITICAL, "reconciler",
                "Orphan order at the venue in " + r.symbol() + ": symbol quarantined until an operator clears it",
                detail, "reconciler:orphan:" + r.venueOrderId(), false, clock.instant())).replaceWithVoid();
    }

    /** Whether the symbol's all-strategies quarantine is the orphan one (another reason is not ours to lift). */
    private Uni<Boolean> quarantinedForOrphans(String symbol) {
        return pool.preparedQuery("SELECT value->>'reason' FROM control_state WHERE control_key = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(RedisKeys.withPrefix("").quarantine(RedisKeys.ALL_STRATEGIES, symbol)))
                .map(rows -> {
                    String current = rows.iterator().hasNext() ? rows.iterator().next().getString(0) : null;
                    if (current != null && !QUARANTINE_REASON.equals(current)) {
                        Log.infof("Orphan cleared in %s; its quarantine (%s) is not an orphan one and stays", symbol, current);
                        return false;
                    }
                    return current != null;
                });
    }

    /**
     * Clears an orphan (audited). The quarantine is lifted through the control plane when no other open
     * orphan remains for the symbol, before the orphan is marked cleared: if the lift fails, nothing changes.
     */
    public Uni<OrphanOrder> clear(long id, String reason, String actor) {
        return repository.find(id).chain(orphan -> {
            if (orphan == null) {
                return Uni.createFrom().failure(new RejectException(RejectCode.NOT_FOUND, "no orphan order " + id));
            }
            if (!orphan.open()) {
                return Uni.createFrom().failure(new RejectException(RejectCode.STATE_CONFLICT,
                        "orphan order " + id + " was already cleared by " + orphan.clearedBy()));
            }
            return repository.otherOpen(pool, orphan.symbol(), id)
                    .chain(others -> others > 0 ? Uni.createFrom().item(false) : quarantinedForOrphans(orphan.symbol()))
                    .chain(lift -> !lift ? Uni.createFrom().voidItem()
                            : control.apply(ControlChanges.clearQuarantine(RedisKeys.ALL_STRATEGIES, orphan.symbol(),
                                    reason, actor)).replaceWithVoid())
                    .chain(() -> pool.withTransaction(tx -> repository.clear(tx, id, actor, reason, clock.instant())
                            .chain(cleared -> {
                                if (!cleared) {
                                    throw new RejectException(RejectCode.STATE_CONFLICT, "orphan order " + id + " was cleared concurrently");
                                }
                                return audit.append(tx, AuditEntry.success(actor, "ORPHAN_ORDER_CLEARED", "orphan_order",
                                        Long.toString(id), reason, Map.of("symbol", orphan.symbol(),
                                                "venue_order_id", orphan.venueOrderId())));
                            })))
                    .chain(() -> repository.find(id));
        });
    }
}

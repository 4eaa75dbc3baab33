package io.tripwire.controlplane.control;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.audit.AuditEntry;
import io.tripwire.controlplane.audit.AuditWriter;
import io.tripwire.controlplane.state.ControlRead;
import io.tripwire.controlplane.state.ControlValue;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Makes Redis and PostgreSQL agree on control state: a missing or garbled Redis key is rewritten from
 * PostgreSQL; a disagreement is settled by "most restrictive wins", written to both stores. A missing
 * key is never re-created from defaults.
 */
@ApplicationScoped
public class ControlStateReconciler {

    private static final String ALL_KEYS = "SELECT control_key FROM control_state";

    private final Pool pool;
    private final RedisControlStore redis;
    private final PostgresControlStore postgres;
    private final AuditWriter audit;
    private final Clock clock;

    public ControlStateReconciler(Pool pool, RedisControlStore redis, PostgresControlStore postgres, AuditWriter audit,
                                  Clock clock) {
        this.pool = pool;
        this.redis = redis;
        this.postgres = postgres;
        this.audit = audit;
        this.clock = clock;
    }

    /** What reconciling one key did. */
    public enum Outcome { IN_SYNC, REDIS_RESTORED, POSTGRES_RESTORED, BOTH_RESTORED }

    /**
     * Reconciles every key PostgreSQL knows. Quarantines go first and the breaker last, so that when
     * orders can flow again (breaker key back) every other restriction is already in place.
     */
    public Uni<Map<String, Outcome>> reconcileAll() {
        return pool.query(ALL_KEYS).execute()
                .map(rows -> {
                    List<ControlKey<? extends ControlValue>> keys = new ArrayList<>();
                    for (Row row : rows) {
                        keys.add(ControlKey.fromLogicalName(row.getString(0)));
                    }
                    keys.sort(Comparator.comparingInt(ControlStateReconciler::restoreOrder));
                    return keys;
                })
                .chain(keys -> Multi.createFrom().iterable(keys)
                        .onItem().transformToUniAndConcatenate(key -> reconcile(key).map(o -> Map.entry(key.logicalName(), o)))
                        .collect().asMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    public <T extends ControlValue> Uni<Outcome> reconcile(ControlKey<T> key) {
        return pool.withTransaction(tx -> postgres.read(tx, key, true)
                .chain(stored -> redis.read(key).chain(snapshot -> {
                    if (snapshot.read() instanceof ControlRead.Unavailable<T> u && u.cause() == ControlRead.Cause.UNREADABLE) {
                        return Uni.createFrom().failure(ControlStateService.unavailable("Redis unreadable: " + u.detail()));
                    }
                    T redisValue = snapshot.read() instanceof ControlRead.Present<T>(T v) ? v : null;
                    T merged = MostRestrictive.of(redisValue, stored.value());
                    boolean postgresBehind = !sameState(merged, stored.value());
                    String mergedRaw = merged == null ? null : key.toRedis(merged);
                    boolean redisBehind = !Objects.equals(mergedRaw, snapshot.raw());
                    Uni<Void> fixPostgres = postgresBehind ? restorePostgres(tx, key, stored.value(), merged) : Uni.createFrom().voidItem();
                    Uni<Void> fixRedis = redisBehind ? redis.compareAndSet(key, snapshot.raw(), merged).replaceWithVoid() : Uni.createFrom().voidItem();
                    return fixPostgres.chain(() -> fixRedis).map(ignored -> outcome(redisBehind, postgresBehind))
                            .invoke(outcome -> {
                                if (outcome != Outcome.IN_SYNC) {
                                    Log.warnf("Control state %s reconciled: %s -> %s", key.logicalName(), outcome, mergedRaw);
                                }
                            });
                })));
    }

    private <T extends ControlValue> Uni<Void> restorePostgres(io.vertx.mutiny.sqlclient.SqlClient tx, ControlKey<T> key,
                                                               T old, T merged) {
        long version = Math.max(merged.version(), old == null ? 0 : old.version() + 1);
        @SuppressWarnings("unchecked")
        T versioned = (T) merged.withVersion(version);
        return postgres.write(tx, key, "RESTORE", "CONTROL_STATE_RESTORED", old, versioned, version, "system:reconciler",
                        "stores disagreed; most restrictive state wins", clock.instant())
                .chain(() -> audit.append(tx, AuditEntry.success("system:reconciler", "CONTROL_STATE_RESTORED",
                        "control_state", key.logicalName(), "stores disagreed; most restrictive state wins",
                        Map.of("version", version))))
                .replaceWithVoid();
    }

    private static boolean sameState(ControlValue a, ControlValue b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.withVersion(0).equals(b.withVersion(0));
    }

    private static Outcome outcome(boolean redisBehind, boolean postgresBehind) {
        if (redisBehind && postgresBehind) {
            return Outcome.BOTH_RESTORED;
        }
        if (redisBehind) {
            return Outcome.REDIS_RESTORED;
        }
        return postgresBehind ? Outcome.POSTGRES_RESTORED : Outcome.IN_SYNC;
    }

    private static int restoreOrder(ControlKey<?> key) {
        if (key.isQuarantine() || key.type() == io.tripwire.controlplane.state.TradingGateState.class) {
            return 0;
        }
        return key.logicalName().equals(ControlKey.killSwitch().logicalName()) ? 1 : 2;
    }
}

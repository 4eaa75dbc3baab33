package io.tripwire.controlplane.control;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.audit.AuditEntry;
import io.tripwire.controlplane.audit.AuditWriter;
import io.tripwire.controlplane.state.BreakerState;
import io.tripwire.controlplane.state.ControlValue;
import io.tripwire.controlplane.state.KillSwitchState;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Initializes a brand-new database (no {@code control_state} rows at all) to breaker OPEN and kill
 * switch inactive, in both stores, audited as system initialization. Never runs again after that: a
 * missing Redis key is only ever restored from PostgreSQL.
 */
@ApplicationScoped
public class ControlStateInitializer {

    private static final long INIT_LOCK = 734629002L;

    private final Pool pool;
    private final PostgresControlStore postgres;
    private final RedisControlStore redis;
    private final AuditWriter audit;
    private final Clock clock;

    public ControlStateInitializer(Pool pool, PostgresControlStore postgres, RedisControlStore redis, AuditWriter audit,
                                   Clock clock) {
        this.pool = pool;
        this.postgres = postgres;
        this.redis = redis;
        this.audit = audit;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        // Startup only (not a request path): wait so the service is never ready on an uninitialized store.
        boolean initialized = initializeIfNew().await().atMost(Duration.ofSeconds(30));
        if (initialized) {
            Log.info("Brand-new database: control state initialized (breaker OPEN, kill switch inactive)");
        }
    }

    /** True when this call initialized the database. */
    public Uni<Boolean> initializeIfNew() {
        return pool.withTransaction(tx -> tx.query("SELECT pg_advisory_xact_lock(" + INIT_LOCK + ")").execute()
                        // Brand-new only if nothing was ever recorded: deleting control_state rows must not re-arm trading.
                        .chain(() -> tx.query("SELECT (SELECT count(*) FROM control_state) + (SELECT count(*) FROM control_events)").execute())
                        .chain(rows -> rows.iterator().next().getLong(0) > 0
                                ? Uni.createFrom().item(false)
                                : insertInitial(tx).replaceWith(true)))
                .call(initialized -> initialized ? mirrorInitial() : Uni.createFrom().voidItem());
    }

    private Uni<Void> insertInitial(SqlClient tx) {
        return initial(tx, ControlKey.breaker(), BreakerState.initial())
                .chain(() -> initial(tx, ControlKey.killSwitch(), KillSwitchState.initial()))
                .chain(() -> audit.append(tx, AuditEntry.success("system", "SYSTEM_INITIALIZED", "control_state", "*",
                        "brand-new database", Map.of("breaker", "OPEN", "kill_switch", "inactive"))))
                .replaceWithVoid();
    }

    private <T extends ControlValue> Uni<Void> initial(SqlClient tx, ControlKey<T> key, T value) {
        return postgres.write(tx, key, "INITIALIZE", "SYSTEM_INITIALIZED", null, value, value.version(), "system",
                "brand-new database", clock.instant());
    }

    /** Only where Redis has nothing yet: a value already in Redis is left for the reconciler to merge. */
    private Uni<Void> mirrorInitial() {
        return redis.compareAndSet(ControlKey.breaker(), null, BreakerState.initial())
                .chain(() -> redis.compareAndSet(ControlKey.killSwitch(), null, KillSwitchState.initial()))
                .replaceWithVoid()
                .onFailure().invoke(e -> Log.errorf("Initial control state not mirrored to Redis (%s); "
                        + "orders stay refused until the reconciler restores it", e.getMessage()))
                .onFailure().recoverWithNull();
    }
}

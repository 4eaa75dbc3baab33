package io.tripwire.controlplane.control;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.audit.AuditEntry;
import io.tripwire.controlplane.audit.AuditWriter;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.reject.RejectException;
import io.tripwire.controlplane.state.ControlRead;
import io.tripwire.controlplane.state.ControlValue;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Changes control state under the rules of DESIGN.md §2. PostgreSQL {@code control_events},
 * {@code control_state} and {@code audit_log} are written in one transaction; Redis is the mirror
 * every order reads.
 * <ul>
 *   <li>Safety-increasing: Redis is written before the commit for immediate effect; a store that fails
 *       is repaired in the background and an alert is raised; the result names the stores that confirmed.</li>
 *   <li>Safety-decreasing: needs both stores and the audit row, else {@code CONTROL_PLANE_UNAVAILABLE}
 *       and nothing changes (a Redis write whose commit then fails is compensated).</li>
 * </ul>
 */
@ApplicationScoped
public class ControlStateService {

    static final Duration PG_TIMEOUT = Duration.ofSeconds(3);

    private final Pool pool;
    private final RedisControlStore redis;
    private final PostgresControlStore postgres;
    private final AuditWriter audit;
    private final ControlStateRepairs repairs;
    private final Clock clock;

    public ControlStateService(Pool pool, RedisControlStore redis, PostgresControlStore postgres, AuditWriter audit,
                               ControlStateRepairs repairs, Clock clock) {
        this.pool = pool;
        this.redis = redis;
        this.postgres = postgres;
        this.audit = audit;
        this.repairs = repairs;
        this.clock = clock;
    }

    public <T extends ControlValue> Uni<ControlWriteResult<T>> apply(ControlChange<T> change) {
        return change.safety() == Safety.INCREASING ? increase(change) : decrease(change);
    }

    // ---- safety-increasing -------------------------------------------------------------------

    private <T extends ControlValue> Uni<ControlWriteResult<T>> increase(ControlChange<T> change) {
        return redis.read(change.key()).chain(snapshot -> {
            Set<Store> confirmed = EnumSet.noneOf(Store.class);
            AtomicBoolean redisWritten = new AtomicBoolean();
            Planned<T>[] plan = new Planned[1];
            return pool.withTransaction(tx -> postgres.read(tx, change.key(), true).chain(stored -> {
                        plan[0] = plan(change, valueOf(snapshot.read()), stored.value());
                        if (!plan[0].changed()) {
                            return Uni.createFrom().voidItem();
                        }
                        return record(tx, change, plan[0])
                                .call(() -> writeRedisBestEffort(change, plan[0].next(), redisWritten));
                    }))
                    .ifNoItem().after(PG_TIMEOUT).fail()
                    .map(ignored -> {
                        confirmed.add(Store.POSTGRES);
                        if (!plan[0].changed()) {
                            return new ControlWriteResult<>(plan[0].current(), false, readable(snapshot));
                        }
                        if (redisWritten.get()) {
                            confirmed.add(Store.REDIS);
                        } else {
                            repairs.scheduleReconcile(change.key(), "redis write failed during " + change.action());
                        }
                        return new ControlWriteResult<>(plan[0].next(), true, confirmed);
                    })
                    .onFailure(e -> !(e instanceof RejectException))
                    .recoverWithUni(e -> increaseWithoutPostgres(change, snapshot, plan[0], redisWritten, e));
        });
    }

    /** PostgreSQL failed: the change still takes effect in Redis and is written to PostgreSQL later. */
    private <T extends ControlValue> Uni<ControlWriteResult<T>> increaseWithoutPostgres(
            ControlChange<T> change, RedisControlStore.Snapshot<T> snapshot, Planned<T> plannedInTx,
            AtomicBoolean redisWritten, Throwable pgFailure) {
        Log.warnf("PostgreSQL unavailable for %s on %s: %s", change.action(), change.key().logicalName(),
                pgFailure.getMessage());
        if (snapshot.read() instanceof ControlRead.Unavailable<T> u && u.cause() == ControlRead.Cause.UNREADABLE) {
            return Uni.createFrom().failure(unavailable("neither Redis nor PostgreSQL accepted " + change.action()));
        }
        Planned<T> plan = plannedInTx != null ? plannedInTx : plan(change, valueOf(snapshot.read()), null);
        if (!plan.changed()) {
            return Uni.createFrom().item(new ControlWriteResult<>(plan.current(), false, Set.of(Store.REDIS)));
        }
        Uni<Void> ensureRedis = redisWritten.get() ? Uni.createFrom().voidItem() : redis.write(change.key(), plan.next());
        return ensureRedis
                .invoke(() -> repairs.schedulePostgresWrite(change, plan.current(), plan.next(), pgFailure))
                .map(ignored -> new ControlWriteResult<>(plan.next(), true, Set.of(Store.REDIS)))
                .onFailure().transform(e -> unavailable("neither Redis nor PostgreSQL accepted " + change.action()));
    }

    private <T extends ControlValue> Uni<Void> writeRedisBestEffort(ControlChange<T> change, T next, AtomicBoolean done) {
        return redis.write(change.key(), next)
                .invoke(() -> done.set(true))
                .onFailure().invoke(e -> Log.warnf("Redis write of %s failed: %s", change.key().logicalName(), e.getMessage()))
                .onFailure().recoverWithNull();
    }

    // ---- safety-decreasing -------------------------------------------------------------------

    private <T extends ControlValue> Uni<ControlWriteResult<T>> decrease(ControlChange<T> change) {
        AtomicBoolean redisWritten = new AtomicBoolean();
        Object[] compensation = new Object[2]; // previous raw Redis value, new value
        return pool.withTransaction(tx -> postgres.read(tx, change.key(), true)
                        .chain(stored -> redis.read(change.key()).chain(snapshot -> {
                            T redisValue = requireUsable(change, snapshot.read());
                            Planned<T> plan = plan(change, redisValue, stored.value());
                            if (!plan.changed()) {
                                return Uni.createFrom().item(new ControlWriteResult<>(plan.current(), false,
                                        Set.of(Store.REDIS, Store.POSTGRES)));
                            }
                            compensation[0] = snapshot.raw();
                            compensation[1] = plan.next();
                            return record(tx, change, plan)
                                    .chain(() -> redis.compareAndSet(change.key(), snapshot.raw(), plan.next()))
                                    .map(written -> {
                                        if (!written) {
                                            throw new RejectException(RejectCode.STATE_CONFLICT,
                                                    change.key().logicalName() + " changed concurrently; try again");
                                        }
                                        redisWritten.set(true);
                                        return new ControlWriteResult<>(plan.next(), true,
                                                Set.of(Store.REDIS, Store.POSTGRES));
                                    });
                        })))
                .ifNoItem().after(PG_TIMEOUT).fail()
                .onFailure().call(e -> redisWritten.get()
                        ? compensate(change, (String) compensation[0], (T) compensation[1])
                        : Uni.createFrom().voidItem())
                .onFailure(e -> !(e instanceof RejectException))
                .transform(e -> unavailable(change.action() + " needs Redis, PostgreSQL and the audit row: " + e.getMessage()));
    }

    private <T extends ControlValue> T requireUsable(ControlChange<T> change, ControlRead<T> read) {
        if (read instanceof ControlRead.Present<T>(T value)) {
            return value;
        }
        var unavailable = (ControlRead.Unavailable<T>) read;
        if (unavailable.cause() == ControlRead.Cause.MISSING && change.key().absentMeansNone()) {
            return null;
        }
        throw unavailable("Redis " + change.key().logicalName() + " is " + unavailable.cause()
                + "; it must be restored before " + change.action());
    }

    /** The commit failed after Redis was written: put Redis back; if even that fails, the repair re-merges. */
    private <T extends ControlValue> Uni<Void> compensate(ControlChange<T> change, String previousRaw, T written) {
        String writtenRaw = written == null ? null : change.key().toRedis(written);
        return redis.compareAndSet(change.key(), writtenRaw, previousRaw == null ? null
                        : change.key().fromRedis(previousRaw).orElseThrow())
                .replaceWithVoid()
                .onFailure().invoke(e -> repairs.scheduleReconcile(change.key(), "compensation failed"))
                .onFailure().recoverWithNull();
    }

    // ---- shared --------------------------------------------------------------------------------

    private record Planned<T>(T current, T next, boolean changed, long version) {
    }

    private <T extends ControlValue> Planned<T> plan(ControlChange<T> change, T redisValue, T pgValue) {
        T current = MostRestrictive.of(redisValue, pgValue);
        T proposed = change.transition().apply(current);
        if (proposed == current || Objects.equals(proposed, current)) {
            return new Planned<>(current, current, false, current == null ? 0 : current.version());
        }
        long version = MostRestrictive.nextVersion(redisValue, pgValue);
        @SuppressWarnings("unchecked")
        T next = proposed == null ? null : (T) proposed.withVersion(version);
        return new Planned<>(current, next, true, version);
    }

    private <T extends ControlValue> Uni<Long> record(SqlClient tx, ControlChange<T> change, Planned<T> plan) {
        Instant now = clock.instant();
        long version = plan.version();
        Map<String, Object> details = new HashMap<>(change.details());
        details.put("version", version);
        return postgres.write(tx, change.key(), "SAFETY_" + change.safety().name(), change.action(), plan.current(),
                        plan.next(), version, change.actor(), change.reason(), now)
                .chain(() -> audit.append(tx, AuditEntry.success(change.actor(), change.action(), "control_state",
                        change.key().logicalName(), change.reason(), details)));
    }

    private static <T> T valueOf(ControlRead<T> read) {
        return read instanceof ControlRead.Present<T>(T value) ? value : null;
    }

    private static <T> Set<Store> readable(RedisControlStore.Snapshot<T> snapshot) {
        boolean redisReadable = !(snapshot.read() instanceof ControlRead.Unavailable<T> u
                && u.cause() == ControlRead.Cause.UNREADABLE);
        return redisReadable ? Set.of(Store.REDIS, Store.POSTGRES) : Set.of(Store.POSTGRES);
    }

    static RejectException unavailable(String message) {
        return new RejectException(RejectCode.CONTROL_PLANE_UNAVAILABLE, message);
    }
}

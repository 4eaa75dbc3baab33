package io.tripwire.controlplane.riskconfig;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.audit.AuditEntry;
import io.tripwire.controlplane.audit.AuditWriter;
import io.tripwire.controlplane.keys.RedisKeys;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.reject.RejectException;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads, previews and applies risk-configuration changes (issue 11, ADR 0037). A change is validated field
 * by field (a bad value: 400 VALIDATION_FAILED with the field errors, nothing saved), then saved as a new
 * version with its control event and its audit row in one transaction, then announced on
 * {@code config:changed} (services also reload periodically, so a lost message only delays it).
 */
@ApplicationScoped
public class RiskConfigService {

    public static final String ACTION = "RISK_CONFIG_CHANGED";
    static final int MIN_REASON = 10;
    static final int MAX_REASON = 500;
    private static final long APPLY_LOCK = 734629011L;

    /** The outcome of an apply: the version now current, what moved, whether {@code config:changed} was sent. */
    public record Applied(long version, boolean changed, List<FieldChange> changes, boolean published) {
    }

    private final Pool pool;
    private final RiskConfigStore store;
    private final AuditWriter audit;
    private final ReactiveRedisDataSource redis;
    private final RedisKeys keys;
    private final Clock clock;

    public RiskConfigService(Pool pool, RiskConfigStore store, AuditWriter audit, ReactiveRedisDataSource redis,
                             RedisKeys keys, Clock clock) {
        this.pool = pool;
        this.store = store;
        this.audit = audit;
        this.redis = redis;
        this.keys = keys;
        this.clock = clock;
    }

    public Uni<RiskConfigStore.Loaded> current() {
        return store.load(pool).onFailure(e -> !(e instanceof RejectException)).transform(RiskConfigService::unavailable);
    }

    /** Old → new of every field the request would move; a bad request is a 400 with its field errors. */
    public Uni<List<FieldChange>> preview(Map<String, String> requested) {
        checkFields(requested);
        return current().map(loaded -> RiskChanges.diff(loaded.current(), RiskChanges.merged(loaded.current(), requested)));
    }

    /**
     * Applies the request as {@code actor}. {@code expectedVersion} (optional, from the preview) must still be the
     * newest version, else 409 STATE_CONFLICT. A refused request is audited (REFUSED) and saves nothing.
     */
    public Uni<Applied> apply(Map<String, String> requested, String actor, String reason, Long expectedVersion) {
        Map<String, String> problems = new LinkedHashMap<>(RiskChanges.problems(requested));
        String trimmed = reason == null ? "" : reason.trim();
        if (trimmed.length() < MIN_REASON || trimmed.length() > MAX_REASON) {
            problems.put("reason", "must be " + MIN_REASON + " to " + MAX_REASON + " characters");
        }
        if (requested.isEmpty()) {
            problems.put("settings", "name at least one setting");
        }
        if (!problems.isEmpty()) {
            return refused(actor, trimmed, problems).chain(() -> Uni.createFrom().failure(invalid(problems)));
        }
        return pool.withTransaction(tx -> tx.query("SELECT pg_advisory_xact_lock(" + APPLY_LOCK + ")").execute()
                        .chain(() -> store.load(tx))
                        .chain(loaded -> {
                            if (expectedVersion != null && expectedVersion != loaded.newestVersion()) {
                                throw new RejectException(RejectCode.STATE_CONFLICT, "the configuration changed since version "
                                        + expectedVersion + "; preview again", Map.of("current_version", loaded.newestVersion()));
                            }
                            RiskSettings old = loaded.current();
                            Map<String, String> next = RiskChanges.merged(old, requested);
                            List<FieldChange> changes = RiskChanges.diff(old, next);
                            if (changes.isEmpty() && next.equals(old.values()) && !loaded.newestRefused()) {
                                return Uni.createFrom().item(new Applied(loaded.newestVersion(), false, changes, false));
                            }
                            long version = loaded.newestVersion() + 1;
                            boolean tighter = changes.stream().allMatch(FieldChange::tighter);
                            return store.insert(tx, version, old, next, changes, tighter, clock.instant(), actor, trimmed)
                                    .chain(() -> audit.append(tx, AuditEntry.success(actor, ACTION, "risk_config",
                                            Long.toString(version), trimmed, auditDetails(version, changes))))
                                    .replaceWith(new Applied(version, true, changes, false));
                        }))
                .onFailure(e -> !(e instanceof RejectException)).transform(RiskConfigService::unavailable)
                .chain(applied -> applied.changed() ? publish(applied.version())
                        .map(sent -> new Applied(applied.version(), true, applied.changes(), sent))
                        : Uni.createFrom().item(applied));
    }

    /** {@code config:changed} with {@code {"kind":"risk_config","version":N}}; false (logged) when Redis did not take it. */
    private Uni<Boolean> publish(long version) {
        String message = "{\"kind\":\"risk_config\",\"version\":" + version + "}";
        return redis.pubsub(String.class).publish(keys.configChangedChannel(), message)
                .ifNoItem().after(Duration.ofSeconds(2)).fail()
                .replaceWith(true)
                .onFailure().recoverWithItem(e -> {
                    Log.warnf("risk config version %d saved but %s not published (%s); services pick it up on their periodic reload",
                            version, keys.configChangedChannel(), e.getMessage());
                    return false;
                });
    }

    private Uni<Void> refused(String actor, String reason, Map<String, String> problems) {
        return audit.append(new AuditEntry(actor, ACTION, "risk_config", null, reason.isEmpty() ? null : reason,
                        Map.of("fields", problems), "REFUSED"))
                .onFailure().invoke(e -> Log.errorf("refused risk config change by %s not audited: %s", actor, e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private static Map<String, Object> auditDetails(long version, List<FieldChange> changes) {
        Map<String, Object> changed = new LinkedHashMap<>();
        changes.forEach(c -> changed.put(c.field(), Map.of("old", c.oldValue(), "new", c.newValue(), "direction", c.direction())));
        return Map.of("version", version, "changes", changed);
    }

    static void checkFields(Map<String, String> requested) {
        Map<String, String> problems = RiskChanges.problems(requested);
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
    }

    private static RejectException invalid(Map<String, String> problems) {
        return new RejectException(RejectCode.VALIDATION_FAILED, "configuration refused: nothing was saved",
                Map.of("fields", new java.util.TreeMap<>(problems)));
    }

    private static Throwable unavailable(Throwable e) {
        Log.warnf("risk configuration store unavailable: %s", e.toString());
        return new RejectException(RejectCode.CONTROL_PLANE_UNAVAILABLE,
                "PostgreSQL is unavailable; the configuration was not changed");
    }
}

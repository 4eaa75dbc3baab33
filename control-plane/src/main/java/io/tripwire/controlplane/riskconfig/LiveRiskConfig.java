package io.tripwire.controlplane.riskconfig;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.alert.Alert;
import io.tripwire.controlplane.alert.AlertPublisher;
import io.tripwire.controlplane.alert.Severity;
import io.tripwire.controlplane.config.ControlPlaneConfig;
import io.tripwire.controlplane.keys.RedisKeys;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This replica's copy of the risk configuration, for services that apply it at run time: reloaded from
 * PostgreSQL on every {@code config:changed} message and every {@code tripwire.risk-config.reload-interval}.
 * Fail closed: a version that does not validate is refused, the newest valid one (the last good) stays in
 * force, and a critical alert is raised once per refused version (resolved when a valid version follows).
 * A failed read keeps the current copy. Services call {@link #start()} at startup.
 */
@ApplicationScoped
public class LiveRiskConfig {

    static final String DEDUP_KEY = "risk-config-refused";

    private final Pool pool;
    private final RiskConfigStore store;
    private final ReactiveRedisDataSource redis;
    private final RedisKeys keys;
    private final AlertPublisher alerts;
    private final Vertx vertx;
    private final ControlPlaneConfig config;
    private final Clock clock;
    private final String service;
    private final AtomicReference<RiskSettings> current = new AtomicReference<>(RiskSettings.NONE);
    private final AtomicLong tickets = new AtomicLong();
    private final AtomicLong appliedTicket = new AtomicLong();
    private final AtomicLong alertedVersion = new AtomicLong(-1);
    private final AtomicBoolean started = new AtomicBoolean();

    public LiveRiskConfig(Pool pool, RiskConfigStore store, ReactiveRedisDataSource redis, RedisKeys keys,
                          AlertPublisher alerts, Vertx vertx, ControlPlaneConfig config, Clock clock,
                          @ConfigProperty(name = "quarkus.application.name") String service) {
        this.pool = pool;
        this.store = store;
        this.redis = redis;
        this.keys = keys;
        this.alerts = alerts;
        this.vertx = vertx;
        this.config = config;
        this.clock = clock;
        this.service = service;
    }

    /** The configuration in force on this replica (never null; version 0 = nothing set, service defaults). */
    public RiskSettings current() {
        return current.get();
    }

    /** Subscribes, starts the periodic reload and loads once; idempotent. The item is the configuration loaded. */
    public Uni<RiskSettings> start() {
        if (started.compareAndSet(false, true)) {
            redis.pubsub(String.class).subscribe(keys.configChangedChannel(), message -> reload().subscribe().with(s -> { }))
                    .subscribe().with(s -> Log.debugf("listening on %s", keys.configChangedChannel()),
                            e -> Log.warnf("cannot subscribe to %s; risk config changes apply on the %s reload only: %s",
                                    keys.configChangedChannel(), config.riskConfig().reloadInterval(), e.getMessage()));
            vertx.setPeriodic(Math.max(100, config.riskConfig().reloadInterval().toMillis()),
                    id -> reload().subscribe().with(s -> { }));
        }
        return reload();
    }

    /**
     * Reads PostgreSQL and applies what it holds. Of reloads that overlap, the one started last decides
     * (it saw the newest commits). Never fails: a failed read keeps the current configuration.
     */
    public Uni<RiskSettings> reload() {
        long ticket = tickets.incrementAndGet();
        return store.load(pool)
                .map(loaded -> {
                    apply(ticket, loaded);
                    return current.get();
                })
                .onFailure().recoverWithItem(e -> {
                    Log.warnf("risk config reload failed, version %d stays in force: %s", current.get().version(), e.toString());
                    return current.get();
                });
    }

    private void apply(long ticket, RiskConfigStore.Loaded loaded) {
        if (appliedTicket.accumulateAndGet(ticket, Math::max) != ticket) {
            return; // a later reload already applied newer data
        }
        RiskSettings next = loaded.current();
        RiskSettings previous = current.getAndSet(next);
        if (previous.version() != next.version() || !previous.values().equals(next.values())) {
            Log.infof("risk config version %d in force (was %d): %s", next.version(), previous.version(), next.sortedValues());
        }
        if (loaded.newestRefused()) {
            if (alertedVersion.getAndSet(loaded.newestVersion()) != loaded.newestVersion()) {
                Log.errorf("risk config version %d REFUSED (%s); version %d stays in force", loaded.newestVersion(),
                        loaded.newestProblems(), next.version());
                alert(false, "risk configuration version " + loaded.newestVersion() + " refused by " + service
                        + "; version " + next.version() + " stays in force", Map.of("version", loaded.newestVersion(),
                        "in_force", next.version(), "fields", loaded.newestProblems()));
            }
        } else if (alertedVersion.getAndSet(-1) >= 0) {
            alert(true, "risk configuration version " + next.version() + " valid again on " + service,
                    Map.of("version", next.version()));
        }
    }

    private void alert(boolean resolved, String summary, Map<String, Object> details) {
        alerts.publish(new Alert(Severity.CRITICAL, service, summary, details, DEDUP_KEY + ":" + service, resolved,
                clock.instant())).subscribe().with(id -> { }, e -> { });
    }
}

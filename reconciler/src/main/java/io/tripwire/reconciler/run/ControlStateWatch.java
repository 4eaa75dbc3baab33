package io.tripwire.reconciler.run;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.keys.RedisKeys;
import io.tripwire.controlplane.state.ControlRead;
import io.tripwire.controlplane.state.ReconciliationState;
import io.tripwire.controlplane.state.ReconciliationStatus;
import io.tripwire.reconciler.config.ReconcilerConfig;
import io.tripwire.reconciler.exposure.ExposureRebuilder;
import io.tripwire.reconciler.lease.ReconcilerLease;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/**
 * The frequent check between runs. Standby: try to take the lease (a new holder runs at once). Active:
 * renew it, restore missing control keys from PostgreSQL, and start a run when {@code reconciliation:state}
 * or an {@code exposure:*} hash of the universe is missing or garbled (Redis lost data), when the last run
 * FAILED at least {@code reconciler.retry-after-failure} ago, or when an
 * operator asked a standby for a run.
 */
@ApplicationScoped
public class ControlStateWatch {

    private final ReconcilerLease lease;
    private final ReconciliationRunner runner;
    private final RunSteps steps;
    private final ReconciliationStateStore state;
    private final ExposureRebuilder exposure;
    private final ReconcilerMetrics metrics;
    private final ReactiveRedisDataSource redis;
    private final RedisKeys keys;
    private final ReconcilerConfig config;
    private final Clock clock;

    public ControlStateWatch(ReconcilerLease lease, ReconciliationRunner runner, RunSteps steps,
                             ReconciliationStateStore state, ExposureRebuilder exposure, ReconcilerMetrics metrics,
                             ReactiveRedisDataSource redis, RedisKeys keys, ReconcilerConfig config, Clock clock) {
        this.lease = lease;
        this.runner = runner;
        this.steps = steps;
        this.state = state;
        this.exposure = exposure;
        this.redis = redis;
        this.metrics = metrics;
        this.keys = keys;
        this.config = config;
        this.clock = clock;
    }

    public Uni<Void> tick() {
        return lease.acquire().chain(grant -> {
            metrics.active(grant.active());
            if (!grant.active()) {
                return followOthersSuccess();
            }
            if (grant.newlyAcquired()) {
                background("HANDOVER");
                return Uni.createFrom().voidItem();
            }
            if (runner.running() != null) {
                return Uni.createFrom().voidItem();
            }
            return steps.restoreControlKeys(new RunLog("watch", clock.instant(), 0))
                    .chain(this::needsRun)
                    .chain(trigger -> {
                        if (trigger != null) {
                            background(trigger);
                        }
                        return Uni.createFrom().voidItem();
                    });
        }).onFailure().invoke(e -> Log.warnf("control-state check failed: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** RECOVERY when Redis lost reconciliation or exposure state, MANUAL when a run was requested, else null. */
    private Uni<String> needsRun() {
        return state.read().chain(read -> {
            if (read instanceof ControlRead.Unavailable<ReconciliationState> u && u.cause() != ControlRead.Cause.UNREADABLE) {
                Log.warnf("reconciliation:state %s: starting a recovery run", u.cause());
                return Uni.createFrom().item("RECOVERY");
            }
            if (read instanceof ControlRead.Present<ReconciliationState>(ReconciliationState s)
                    && s.state() == ReconciliationStatus.FAILED && s.finishedAt() != null
                    && !s.finishedAt().plus(config.retryAfterFailure()).isAfter(clock.instant())) {
                Log.warnf("reconciliation %s FAILED at %s: trying again", s.runId(), s.finishedAt());
                return Uni.createFrom().item("RECOVERY");
            }
            return Multi.createFrom().iterable(exposure.universe())
                    // a missing hash reads as a null item, which a Multi drops: map to presence first
                    .onItem().transformToUniAndConcatenate(s -> redis.hash(String.class).hget(keys.exposure(s), "pos")
                            .map(pos -> pos != null))
                    .collect().asList()
                    .chain(present -> {
                        if (present.contains(Boolean.FALSE)) {
                            Log.warn("an exposure:* hash of the universe is missing: starting a recovery run");
                            return Uni.createFrom().item("RECOVERY");
                        }
                        return redis.execute("GETDEL", keys.reconcilerRunRequested())
                                .map(r -> r == null ? null : "MANUAL");
                    });
        });
    }

    private Uni<Void> followOthersSuccess() {
        return state.read().invoke(read -> {
            if (read instanceof ControlRead.Present<ReconciliationState>(ReconciliationState s)
                    && s.state() == ReconciliationStatus.READY && s.finishedAt() != null) {
                metrics.success(s.finishedAt());
            }
        }).replaceWithVoid();
    }

    void background(String trigger) {
        runner.run(trigger).subscribe().with(
                run -> Log.debugf("%s run %s ended %s", trigger, run.runId(), run.state()),
                e -> {
                    if (!(e instanceof RunInProgressException)) {
                        Log.warnf("%s run did not complete: %s", trigger, e.getMessage());
                    }
                });
    }
}

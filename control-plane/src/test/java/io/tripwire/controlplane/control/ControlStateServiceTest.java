package io.tripwire.controlplane.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.tripwire.controlplane.keys.RedisKeys;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.reject.RejectException;
import io.tripwire.controlplane.state.BreakerState;
import io.tripwire.controlplane.state.BreakerStatus;
import io.tripwire.controlplane.state.ControlRead;
import io.tripwire.controlplane.state.KillSwitchMode;
import io.tripwire.controlplane.state.KillSwitchState;
import io.tripwire.controlplane.state.StateCodec;
import io.tripwire.controlplane.testing.DetachedStores;
import io.tripwire.controlplane.testing.SpareRedis;
import io.tripwire.controlplane.testing.TestStores;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ControlStateServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject ControlStateService controlState;
    @Inject ControlStateReader reader;
    @Inject ControlStateReconciler reconciler;
    @Inject ControlStateInitializer initializer;
    @Inject ReactiveRedisDataSource redis;
    @Inject Pool pool;
    @Inject RedisKeys keys;
    @Inject Clock clock;
    @Inject Vertx vertx;

    @BeforeEach
    void brandNewStores() {
        TestStores.clean(redis, pool);
        assertThat(initializer.initializeIfNew().await().atMost(WAIT)).isTrue();
    }

    @Test
    void aTripTakesEffectInBothStoresAndIsAuditedInTheSameTransaction() {
        var result = controlState.apply(trip("operator says stop")).await().atMost(WAIT);

        assertThat(result.changed()).isTrue();
        assertThat(result.confirmed()).containsExactlyInAnyOrder(Store.REDIS, Store.POSTGRES);
        assertThat(breakerInRedis().state()).isEqualTo(BreakerStatus.TRIPPED);
        assertThat(breakerInPostgres()).contains("\"state\": \"TRIPPED\"");
        assertThat(count("SELECT count(*) FROM control_events WHERE action = 'CIRCUIT_BREAKER_TRIP'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'CIRCUIT_BREAKER_TRIP' AND reason = 'operator says stop'"))
                .isEqualTo(1);
    }

    @Test
    void aTripWhileTrippedIsANoOp() {
        controlState.apply(trip("first")).await().atMost(WAIT);
        var second = controlState.apply(trip("second")).await().atMost(WAIT);

        assertThat(second.changed()).isFalse();
        assertThat(second.value().tripReason()).isEqualTo("first");
        assertThat(count("SELECT count(*) FROM control_events WHERE action = 'CIRCUIT_BREAKER_TRIP'")).isEqualTo(1);
    }

    @Test
    void aTripSurvivesARedisFlushBecauseItIsRestoredFromPostgres() {
        controlState.apply(trip("survive the flush")).await().atMost(WAIT);
        redis.execute("FLUSHDB").await().atMost(WAIT);

        assertThat(reader.breaker().await().atMost(WAIT)).isInstanceOfSatisfying(ControlRead.Unavailable.class,
                u -> assertThat(u.cause()).isEqualTo(ControlRead.Cause.MISSING));
        reconciler.reconcileAll().await().atMost(WAIT);

        BreakerState restored = breakerInRedis();
        assertThat(restored.state()).isEqualTo(BreakerStatus.TRIPPED);
        assertThat(restored.tripReason()).isEqualTo("survive the flush");
    }

    @Test
    void aMissingRedisKeyIsNeverRecreatedFromDefaultsByALaterStart() {
        redis.key().del(keys.breakerState(), keys.killSwitchState()).await().atMost(WAIT);

        assertThat(initializer.initializeIfNew().await().atMost(WAIT)).isFalse();
        assertThat(reader.breaker().await().atMost(WAIT).isPresent()).isFalse();
        assertThat(reader.killSwitch().await().atMost(WAIT).isPresent()).isFalse();
    }

    @Test
    void controlStateRowsCannotBeDeletedSoTheDatabaseNeverLooksBrandNewAgain() {
        assertThatThrownBy(() -> pool.query("DELETE FROM control_state").execute().await().atMost(WAIT))
                .hasMessageContaining("never deleted");
        assertThatThrownBy(() -> pool.query("TRUNCATE control_events").execute().await().atMost(WAIT))
                .hasMessageContaining("append-only");
    }

    @Test
    void aResetAfterATripEntersTheQuietPeriodInBothStores() {
        controlState.apply(trip("x")).await().atMost(WAIT);
        var reset = controlState.apply(ControlChanges.resetBreaker("conditions are back to normal now", "ops",
                clock.instant(), clock.instant().plusSeconds(60))).await().atMost(WAIT);

        assertThat(reset.confirmed()).containsExactlyInAnyOrder(Store.REDIS, Store.POSTGRES);
        assertThat(breakerInRedis().state()).isEqualTo(BreakerStatus.QUIET_PERIOD);
        assertThat(breakerInPostgres()).contains("QUIET_PERIOD");
    }

    @Test
    void aResetWithPostgresUnreachableIsRefusedAndChangesNothing() {
        controlState.apply(trip("keep me tripped")).await().atMost(WAIT);
        String redisBefore = rawBreaker();
        long auditBefore = count("SELECT count(*) FROM audit_log");
        ControlStateService withoutPostgres = DetachedStores.controlState(DetachedStores.unreachablePostgres(vertx), redis, keys, clock);

        assertThatThrownBy(() -> withoutPostgres.apply(ControlChanges.resetBreaker("conditions are back to normal now",
                "ops", clock.instant(), clock.instant().plusSeconds(60))).await().atMost(WAIT))
                .isInstanceOfSatisfying(RejectException.class,
                        e -> assertThat(e.code()).isEqualTo(RejectCode.CONTROL_PLANE_UNAVAILABLE));
        assertThat(rawBreaker()).isEqualTo(redisBefore);
        assertThat(breakerInPostgres()).contains("TRIPPED");
        assertThat(count("SELECT count(*) FROM audit_log")).isEqualTo(auditBefore);
    }

    @Test
    void aResetWithRedisDownIsRefusedAndChangesNothing() {
        try (SpareRedis spare = SpareRedis.onFreePort().start()) {
            var spareRedis = DetachedStores.redisAt(vertx, spare.url());
            ControlStateService onSpare = DetachedStores.controlState(pool, spareRedis, keys, clock);
            onSpare.apply(trip("tripped on spare")).await().atMost(WAIT);
            long eventsBefore = count("SELECT count(*) FROM control_events");
            spare.kill();

            assertThatThrownBy(() -> onSpare.apply(ControlChanges.resetBreaker("conditions are back to normal now",
                    "ops", clock.instant(), clock.instant().plusSeconds(60))).await().atMost(WAIT))
                    .isInstanceOfSatisfying(RejectException.class,
                            e -> assertThat(e.code()).isEqualTo(RejectCode.CONTROL_PLANE_UNAVAILABLE));
            assertThat(breakerInPostgres()).contains("TRIPPED");
            assertThat(count("SELECT count(*) FROM control_events")).isEqualTo(eventsBefore);
        }
    }

    @Test
    void aTripWithPostgresUnreachableStillTakesEffectInRedisAndSaysSo() {
        ControlStateService withoutPostgres = DetachedStores.controlState(DetachedStores.unreachablePostgres(vertx), redis, keys, clock);

        var result = withoutPostgres.apply(trip("postgres is down")).await().atMost(WAIT);

        assertThat(result.confirmed()).isEqualTo(Set.of(Store.REDIS));
        assertThat(breakerInRedis().state()).isEqualTo(BreakerStatus.TRIPPED);
        assertThat(breakerInPostgres()).contains("OPEN");
        // When PostgreSQL is reachable again the merge writes the stricter state into the truth.
        reconciler.reconcile(ControlKey.breaker()).await().atMost(WAIT);
        assertThat(breakerInPostgres()).contains("TRIPPED");
    }

    @Test
    void aTripWithRedisDownStillTakesEffectInPostgresAndReachesRedisWhenItReturns() {
        try (SpareRedis spare = SpareRedis.onFreePort().start()) {
            var spareRedis = DetachedStores.redisAt(vertx, spare.url());
            spare.kill();
            ControlStateService onSpare = DetachedStores.controlState(pool, spareRedis, keys, clock);

            var result = onSpare.apply(trip("redis is down")).await().atMost(WAIT);

            assertThat(result.confirmed()).isEqualTo(Set.of(Store.POSTGRES));
            assertThat(breakerInPostgres()).contains("TRIPPED");
            spare.start();
            DetachedStores.reconciler(pool, spareRedis, keys, clock).reconcile(ControlKey.breaker()).await().atMost(WAIT);
            String restored = spareRedis.value(String.class).get(keys.breakerState()).await().atMost(WAIT);
            assertThat(StateCodec.decode(restored, BreakerState.class).orElseThrow().state()).isEqualTo(BreakerStatus.TRIPPED);
        }
    }

    @Test
    void whenTheStoresDisagreeTheMoreRestrictiveStateWinsInBoth() {
        controlState.apply(trip("truth says tripped")).await().atMost(WAIT);
        redis.value(String.class).set(keys.breakerState(), StateCodec.encode(BreakerState.initial().withVersion(99)))
                .await().atMost(WAIT);

        var outcome = reconciler.reconcile(ControlKey.breaker()).await().atMost(WAIT);

        assertThat(outcome).isEqualTo(ControlStateReconciler.Outcome.REDIS_RESTORED);
        assertThat(breakerInRedis().state()).isEqualTo(BreakerStatus.TRIPPED);
        assertThat(breakerInPostgres()).contains("TRIPPED");
    }

    @Test
    void aStricterValueOnlyInRedisIsWrittenIntoPostgres() {
        KillSwitchState active = KillSwitchState.initial().activated(KillSwitchMode.HALT_ONLY, "set by hand", "ops", clock.instant());
        redis.value(String.class).set(keys.killSwitchState(), StateCodec.encode(active)).await().atMost(WAIT);

        var outcome = reconciler.reconcile(ControlKey.killSwitch()).await().atMost(WAIT);

        assertThat(outcome).isEqualTo(ControlStateReconciler.Outcome.POSTGRES_RESTORED);
        assertThat(count("SELECT count(*) FROM control_state WHERE control_key = 'kill_switch:state' "
                + "AND value->>'active' = 'true'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'CONTROL_STATE_RESTORED'")).isEqualTo(1);
    }

    @Test
    void theKillSwitchIsLatchedUntilDeactivatedAndEscalatesButNeverDowngrades() {
        controlState.apply(ControlChanges.activateKillSwitch(KillSwitchMode.CLOSE_POSITIONS, "flatten", "ops", clock.instant()))
                .await().atMost(WAIT);
        var downgrade = controlState.apply(ControlChanges.activateKillSwitch(KillSwitchMode.HALT_ONLY, "halt", "ops",
                clock.instant())).await().atMost(WAIT);
        assertThat(downgrade.changed()).isFalse();
        assertThat(downgrade.value().mode()).isEqualTo(KillSwitchMode.CLOSE_POSITIONS);

        var off = controlState.apply(ControlChanges.deactivateKillSwitch("all clear", "ops")).await().atMost(WAIT);
        assertThat(off.value().active()).isFalse();
        assertThat(reader.killSwitch().await().atMost(WAIT).orElseThrow().active()).isFalse();
    }

    @Test
    void aQuarantineIsSetAndClearedInBothStores() {
        controlState.apply(ControlChanges.quarantine("*", "AAPL", "orphan order at venue", "reconciler")).await().atMost(WAIT);
        assertThat(redis.value(String.class).get(keys.quarantine("*", "AAPL")).await().atMost(WAIT))
                .isEqualTo("orphan order at venue");

        controlState.apply(ControlChanges.clearQuarantine("*", "AAPL", "orphan explained", "ops")).await().atMost(WAIT);
        assertThat(redis.value(String.class).get(keys.quarantine("*", "AAPL")).await().atMost(WAIT)).isNull();
        assertThat(count("SELECT count(*) FROM control_state WHERE control_key = 'quarantine:*:AAPL' AND value IS NULL"))
                .isEqualTo(1);
    }

    private ControlChange<BreakerState> trip(String reason) {
        return ControlChanges.tripBreaker(reason, Map.of("source", "test"), "ops", clock.instant());
    }

    private String rawBreaker() {
        return redis.value(String.class).get(keys.breakerState()).await().atMost(WAIT);
    }

    private BreakerState breakerInRedis() {
        return StateCodec.decode(rawBreaker(), BreakerState.class).orElseThrow();
    }

    private String breakerInPostgres() {
        return pool.query("SELECT value::text FROM control_state WHERE control_key = 'circuit_breaker:state'").execute()
                .map(rows -> rows.iterator().next().getString(0)).await().atMost(WAIT);
    }

    private long count(String sql) {
        return pool.query(sql).execute().map(rows -> rows.iterator().next().getLong(0)).await().atMost(WAIT);
    }
}

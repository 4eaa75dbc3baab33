package io.tripwire.controlplane.riskconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.junit.QuarkusTest;
import io.tripwire.controlplane.keys.RedisKeys;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.reject.RejectException;
import io.tripwire.controlplane.testing.TestStores;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Persistence, audit, control event, config:changed and the fail-closed reload, on real PostgreSQL and Redis. */
@QuarkusTest
class RiskConfigServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String NOTIONAL = "gateway.risk.max-order-notional";
    private static final String QUIET = "gateway.breaker.quiet-period";

    @Inject RiskConfigService service;
    @Inject LiveRiskConfig live;
    @Inject ReactiveRedisDataSource redis;
    @Inject RedisKeys keys;
    @Inject Pool pool;

    @BeforeEach
    void clean() {
        TestStores.clean(redis, pool);
        live.reload().await().atMost(WAIT);
    }

    @Test
    void anAppliedChangeIsOneVersionWithItsControlEventAndChainedAuditRowAndIsPublished() {
        List<String> messages = new CopyOnWriteArrayList<>();
        var subscriber = redis.pubsub(String.class).subscribe(keys.configChangedChannel(), messages::add).await().atMost(WAIT);
        try {
            var applied = service.apply(Map.of(NOTIONAL, "5000.00"), "operator:alice", "lower the fat-finger cap", null)
                    .await().atMost(WAIT);

            assertThat(applied.version()).isEqualTo(1);
            assertThat(applied.changed()).isTrue();
            assertThat(applied.published()).isTrue();
            assertThat(applied.changes()).containsExactly(new FieldChange(NOTIONAL, "1000000", "5000", true, false, true));
            assertThat(rows("SELECT settings::text || '|' || created_by || '|' || reason FROM risk_config_versions"))
                    .containsExactly("{\"gateway.risk.max-order-notional\": \"5000\"}|operator:alice|lower the fat-finger cap");
            assertThat(rows("SELECT action || '|' || direction || '|' || actor || '|' || version FROM control_events "
                    + "WHERE control_key = 'risk_config'"))
                    .containsExactly("RISK_CONFIG_CHANGED|SAFETY_INCREASING|operator:alice|1");
            assertThat(rows("SELECT actor || '|' || outcome || '|' || resource_id || '|' || (details->'changes'->'"
                    + NOTIONAL + "'->>'new') FROM audit_log WHERE action = 'RISK_CONFIG_CHANGED'"))
                    .containsExactly("operator:alice|SUCCESS|1|5000");
            assertThat(rows("SELECT coalesce(audit_log_first_broken()::text, 'intact')")).containsExactly("intact");
            await().atMost(WAIT).until(() -> !messages.isEmpty());
            assertThat(messages).containsExactly("{\"kind\":\"risk_config\",\"version\":1}");
        } finally {
            subscriber.unsubscribe().await().atMost(WAIT);
        }
    }

    @Test
    void aBadValueIsRefusedWithFieldErrorsAuditedAndNothingIsSaved() {
        assertThatThrownBy(() -> service.apply(Map.of(NOTIONAL, "-1", QUIET, "5000h", "gateway.nope", "1"),
                "key:abcd1234", "typo in the limits", null).await().atMost(WAIT))
                .isInstanceOfSatisfying(RejectException.class, e -> {
                    assertThat(e.code()).isEqualTo(RejectCode.VALIDATION_FAILED);
                    @SuppressWarnings("unchecked") var fields = (Map<String, String>) e.body().details().get("fields");
                    assertThat(fields).containsOnlyKeys(NOTIONAL, QUIET, "gateway.nope");
                });
        assertThatThrownBy(() -> service.apply(Map.of(NOTIONAL, "5000"), "key:abcd1234", "short", null).await().atMost(WAIT))
                .isInstanceOfSatisfying(RejectException.class, e -> assertThat(e.body().details().toString()).contains("reason"));

        assertThat(rows("SELECT count(*)::text FROM risk_config_versions")).containsExactly("0");
        assertThat(rows("SELECT count(*)::text FROM control_events WHERE control_key = 'risk_config'")).containsExactly("0");
        assertThat(rows("SELECT actor || '|' || outcome FROM audit_log WHERE action = 'RISK_CONFIG_CHANGED'"))
                .containsExactly("key:abcd1234|REFUSED", "key:abcd1234|REFUSED");
    }

    @Test
    void aLooserChangeIsSafetyDecreasingAndAStaleExpectedVersionConflicts() {
        service.apply(Map.of(NOTIONAL, "5000"), "operator:alice", "lower the fat-finger cap", null).await().atMost(WAIT);
        var second = service.apply(Map.of(NOTIONAL, "8000"), "operator:bob", "raise it a little again", 1L).await().atMost(WAIT);
        var noop = service.apply(Map.of(NOTIONAL, "8000"), "operator:bob", "the same value once more", null).await().atMost(WAIT);

        assertThat(second.version()).isEqualTo(2);
        assertThat(noop.changed()).isFalse();
        assertThat(rows("SELECT direction FROM control_events WHERE control_key = 'risk_config' ORDER BY id"))
                .containsExactly("SAFETY_INCREASING", "SAFETY_DECREASING");
        assertThatThrownBy(() -> service.apply(Map.of(NOTIONAL, "7000"), "operator:carol", "based on an old preview", 1L)
                .await().atMost(WAIT))
                .isInstanceOfSatisfying(RejectException.class, e -> assertThat(e.code()).isEqualTo(RejectCode.STATE_CONFLICT));
        assertThat(service.preview(Map.of(NOTIONAL, "")).await().atMost(WAIT))
                .containsExactly(new FieldChange(NOTIONAL, "8000", "1000000", false, true, false));
    }

    @Test
    void aGarbledVersionIsRefusedTheLastGoodStaysInForceAndAnAlertIsRaised() {
        service.apply(Map.of(NOTIONAL, "5000"), "operator:alice", "lower the fat-finger cap", null).await().atMost(WAIT);
        live.reload().await().atMost(WAIT);
        assertThat(live.current().version()).isEqualTo(1);

        insert(2, "{\"gateway.risk.max-order-notional\": \"lots\"}");
        insert(3, "[1, 2]");
        live.reload().await().atMost(WAIT);

        assertThat(live.current().version()).isEqualTo(1);
        assertThat(live.current().values()).containsExactlyEntriesOf(Map.of(NOTIONAL, "5000"));
        var alerts = redis.stream(String.class).xrange(keys.alertsStream(), StreamRange.of("-", "+")).await().atMost(WAIT);
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).payload()).containsEntry("severity", "CRITICAL").containsEntry("status", "firing");
        assertThat(alerts.get(0).payload().get("summary")).contains("version 3 refused").contains("version 1 stays in force");

        var fixed = service.apply(Map.of(NOTIONAL, "6000"), "operator:alice", "replace the garbled rows", null).await().atMost(WAIT);
        live.reload().await().atMost(WAIT);
        assertThat(fixed.version()).isEqualTo(4);
        assertThat(live.current().values()).containsEntry(NOTIONAL, "6000");
        var after = redis.stream(String.class).xrange(keys.alertsStream(), StreamRange.of("-", "+")).await().atMost(WAIT);
        assertThat(after).hasSize(2);
        assertThat(after.get(1).payload()).containsEntry("status", "resolved");
    }

    @Test
    void aVersionWrittenWithoutAMessageIsPickedUpByThePeriodicReload() {
        live.start().await().atMost(WAIT);
        insert(1, "{\"gateway.breaker.quiet-period\": \"90s\"}"); // plain SQL: no config:changed

        await().atMost(Duration.ofSeconds(5)).until(() -> live.current().version() == 1);
        assertThat(live.current().typed(QUIET)).contains(Duration.ofSeconds(90));
    }

    private void insert(long version, String settings) {
        pool.preparedQuery("INSERT INTO risk_config_versions (version, settings, created_at, created_by, reason) "
                        + "VALUES ($1, $2::text::jsonb, now(), 'sql', 'written by hand')")
                .execute(Tuple.of(version, settings)).await().atMost(WAIT);
    }

    private List<String> rows(String sql) {
        var out = new java.util.ArrayList<String>();
        pool.query(sql).execute().await().atMost(WAIT).forEach(r -> out.add(r.getString(0)));
        return out;
    }
}

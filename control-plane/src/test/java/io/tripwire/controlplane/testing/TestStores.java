package io.tripwire.controlplane.testing;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.vertx.mutiny.sqlclient.Pool;
import java.time.Duration;

/**
 * Puts the real test stores in a known-empty state: FLUSHDB on the test's own Redis DB index only,
 * TRUNCATE of the control-plane tables (audit_log refuses TRUNCATE by trigger, so this runs with
 * triggers off on one connection: tests only, never production code).
 */
public final class TestStores {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private TestStores() {
    }

    public static void clean(ReactiveRedisDataSource redis, Pool pool) {
        redis.execute("FLUSHDB").await().atMost(WAIT); // this test's DB index only, never FLUSHALL
        pool.withConnection(c -> c.query("SET session_replication_role = replica").execute()
                        .chain(() -> c.query("TRUNCATE control_state, control_events, audit_log, api_keys, operators, order_events, orders, "
                                + "alert_deliveries, alerts, alert_rules, alert_stream_receipts, "
                                + "positions, circuit_breaker_events, kill_switch_events, portfolio_snapshots, "
                                + "risk_config_versions, "
                                + "reconciliation_runs, orphan_orders, position_bookings "
                                + "RESTART IDENTITY").execute())
                        .chain(() -> c.query("ALTER SEQUENCE audit_log_id_seq RESTART").execute())
                        .eventually(() -> c.query("SET session_replication_role = origin").execute()))
                // A previous test's in-flight order update can deadlock with TRUNCATE: just try again.
                .onFailure().retry().withBackOff(Duration.ofMillis(100)).atMost(5)
                .await().atMost(WAIT);
    }
}

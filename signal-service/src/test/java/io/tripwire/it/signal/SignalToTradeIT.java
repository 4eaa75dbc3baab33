package io.tripwire.it.signal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tripwire.controlplane.auth.ApiKeyScope;
import io.tripwire.controlplane.testing.ServiceProcess;
import io.tripwire.controlplane.testing.TestKeys;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * End to end on the real, packaged services (paper venue, execution gateway, signal service as processes on the
 * test stores): paper-venue bars → features → an allowed signal → a gateway order with the signal service's own
 * scoped key, carrying strategy, artifact and confidence → a venue fill → a trade row linked to the artifact that
 * seed 000's audit query returns unchanged; a second artifact's short signal exits the position, its realized P&L
 * reaches seed 004's agent_performance; then the venue stops publishing and the breaker is TRIPPED with DATA_STALE
 * within the configured time, with an alert. Needs the paper-venue and execution-gateway jars (the reactor builds
 * them before this module).
 */
class SignalToTradeIT {

    static final int REDIS_DB = SignalRestartIT.REDIS_DB;
    static final Path VENUE_JAR = Path.of("..", "paper-venue", "target", "quarkus-app", "quarkus-run.jar");
    static final Path GATEWAY_JAR = Path.of("..", "execution-gateway", "target", "quarkus-app", "quarkus-run.jar");
    static final Duration STALE_AFTER = Duration.ofSeconds(4);
    static final String SEED_000_AUDIT = """
            SELECT t.id, t.symbol, t.action, t.quantity, t.created_at,
                   a.artifact_id, a.strategy_name, a.hash
            FROM trades t
            JOIN strategy_artifacts a ON t.artifact_id = a.id
            ORDER BY t.created_at DESC
            LIMIT 20;""";

    private final List<ServiceProcess> processes = new ArrayList<>();

    @AfterEach
    void stop() {
        processes.forEach(ServiceProcess::close);
    }

    @Test
    void barsBecomeAnAuditedTradeAndStaleDataTripsTheBreaker() throws Exception {
        clean();
        Map<String, String> stores = Map.of("REDIS_URL", "redis://127.0.0.1:6379/" + REDIS_DB, "PG_URL", TestKeys.TEST_PG_URL,
                "PG_JDBC_URL", TestKeys.TEST_JDBC_URL, "PAPER_VENUE_KEY_ID", "paper-key", "PAPER_VENUE_SECRET_KEY", "paper-secret");
        ServiceProcess venue = start("paper-venue", VENUE_JAR, stores);
        ServiceProcess gateway = start("execution-gateway", GATEWAY_JAR,
                with(stores, Map.of("TRIPWIRE_VENUE_BASE_URL", "http://127.0.0.1:" + venue.port())));
        try (Resp redis = new Resp(REDIS_DB)) {
            redis.call("SET", "reconciliation:state", "{\"state\":\"READY\",\"run_id\":\"it\",\"started_at\":null,\"finished_at\":null}");
            redis.call("HSET", "exposure:AAPL", "pos", "0", "wbuy", "0", "wsell", "0");
        }
        Path keyFile = Files.createTempFile("signal-service", ".key");
        Files.writeString(keyFile, TestKeys.insertKey("signal-service", ApiKeyScope.ORDERS_WRITE, ApiKeyScope.ORDERS_READ,
                ApiKeyScope.BREAKER_TRIP));
        ServiceProcess signal = start("signal-service", Path.of(System.getProperty("service.jar", "target/quarkus-app/quarkus-run.jar")),
                with(stores, Map.of("SIGNAL_GATEWAY_URL", "http://127.0.0.1:" + gateway.port(),
                        "SIGNAL_API_KEY_FILE", keyFile.toString(), "SIGNAL_STALE_AFTER", STALE_AFTER.toSeconds() + "s",
                        "SIGNAL_ARTIFACTS_REFRESH_INTERVAL", "1s", "SIGNAL_ORDERS_PNL_INTERVAL", "1s")));
        String admin = TestKeys.insertAdminKey("it-admin");

        approve(signal, admin, "it-long", "1", 3);
        await("a filled buy linked to it-long", Duration.ofSeconds(60), () ->
                count("SELECT count(*) FROM orders WHERE artifact_id = 'it-long' AND strategy_id = 'it-momo' AND side = 'BUY' "
                        + "AND status = 'FILLED' AND confidence > 0.9") == 1);
        assertThat(count("SELECT count(*) FROM strategy_signals s JOIN orders o ON o.id = s.order_id "
                + "WHERE s.artifact_id = 'it-long' AND s.order_outcome = 'submitted' AND s.allow")).isEqualTo(1);
        List<String> audit = rows(SEED_000_AUDIT);
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0)).contains("AAPL", "BUY", "it-long", "it-momo", hashOf("it-long"));
        Thread.sleep(2000);
        assertThat(count("SELECT count(*) FROM orders")).as("in position: no second buy").isEqualTo(1);

        approve(signal, admin, "it-exit", "2", -3); // newer artifact of the strategy, short: exits the position
        await("the exit filled and its P&L booked", Duration.ofSeconds(30), () ->
                count("SELECT count(*) FROM orders WHERE artifact_id = 'it-exit' AND side = 'SELL' AND reduce_only "
                        + "AND status = 'FILLED' AND pnl <> 0") == 1);
        assertThat(rows(SEED_000_AUDIT)).hasSize(2).anySatisfy(r -> assertThat(r).contains("SELL", "it-exit"));
        List<String> performance = rows("SELECT agent_id, win_rate, sharpe_ratio, total_pnl FROM agent_performance");
        assertThat(performance).hasSize(1);
        assertThat(performance.get(0)).startsWith("it-momo|");

        venue.close(); // no more bars
        Instant stopped = Instant.now();
        await("breaker TRIPPED with DATA_STALE", STALE_AFTER.plusSeconds(6), () -> {
            try (Resp redis = new Resp(REDIS_DB)) {
                String state = redis.get("circuit_breaker:state");
                return state != null && state.contains("\"TRIPPED\"") && state.contains("DATA_STALE");
            }
        });
        assertThat(Duration.between(stopped, Instant.now())).isLessThan(STALE_AFTER.plusSeconds(6));
        assertThat(count("SELECT count(*) FROM circuit_breaker_events WHERE reason = 'DATA_STALE'")).isEqualTo(1);
        // the signal service raises its own alert right after the gateway confirmed the trip
        await("data-stale alert on alerts:stream", Duration.ofSeconds(5), () -> {
            try (Resp redis = new Resp(REDIS_DB)) {
                return String.valueOf(redis.call("XRANGE", "alerts:stream", "-", "+")).contains("data-stale:AAPL");
            }
        });
    }

    private void approve(ServiceProcess signal, String key, String artifactId, String version, int bias) {
        post(signal, key, "/api/v1/artifacts", """
                {"artifact_id":"%s","strategy_name":"it-momo","strategy_version":"%s","payload":{"model":{"type":"logistic",
                 "weights":{"mom_20":0.001},"bias":%d},"symbols":["AAPL"],"sizing":{"qty_usd":1000,"target_ann_vol":0.12,
                 "bars_per_year":98280},"risk_profile":{"max_daily_loss":500}}}""".formatted(artifactId, version, bias), 201);
        for (String type : new String[] {"TECHNICAL", "RISK", "BUSINESS"}) {
            post(signal, key, "/api/v1/artifacts/" + artifactId + "/approve", "{\"approver\":\"it\",\"type\":\"" + type + "\"}", 200);
        }
    }

    private ServiceProcess start(String name, Path jar, Map<String, String> env) {
        assertThat(jar).as(name + " must be packaged (the reactor builds it before signal-service)").exists();
        ServiceProcess p = ServiceProcess.start(name, jar, env);
        processes.add(p);
        return p;
    }

    private static Map<String, String> with(Map<String, String> base, Map<String, String> more) {
        Map<String, String> env = new HashMap<>(base);
        env.putAll(more);
        return env;
    }

    private static void clean() {
        try (Resp redis = new Resp(REDIS_DB)) {
            redis.call("FLUSHDB");
        }
        try (Connection c = DriverManager.getConnection(TestKeys.TEST_JDBC_URL, "postgres", "postgres");
             Statement s = c.createStatement()) {
            s.execute("SET session_replication_role = replica");
            for (String table : new String[] {"control_state", "control_events", "audit_log", "api_keys", "order_events", "orders",
                "positions", "circuit_breaker_events", "kill_switch_events", "alerts", "alert_deliveries", "strategy_signals",
                "artifact_approvals", "artifact_state_changes", "strategy_artifacts"}) {
                try {
                    s.execute("TRUNCATE " + table + " RESTART IDENTITY CASCADE");
                } catch (SQLException e) {
                    // first run on a fresh database: the services' Flyway creates the tables
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hashOf(String artifactId) {
        return rows("SELECT hash FROM strategy_artifacts WHERE artifact_id = '" + artifactId + "'").get(0);
    }

    private static void post(ServiceProcess service, String key, String path, String body, int expected) {
        try {
            HttpResponse<String> r = service.send(HttpRequest.newBuilder(URI.create(service.url(path).toString()))
                    .timeout(Duration.ofSeconds(10)).header("X-API-Key", key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            assertThat(r.statusCode()).as(path + " -> " + r.body()).isEqualTo(expected);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(String query) {
        return Long.parseLong(rows(query).get(0));
    }

    /** Each row as its columns joined by {@code |}. */
    private static List<String> rows(String query) {
        try (Connection c = DriverManager.getConnection(TestKeys.TEST_JDBC_URL, "postgres", "postgres");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            List<String> out = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.add(b.toString());
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(what + " not within " + limit.toSeconds() + " s");
    }
}

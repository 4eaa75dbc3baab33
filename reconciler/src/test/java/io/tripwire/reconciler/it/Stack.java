package io.tripwire.reconciler.it;

import io.tripwire.controlplane.testing.ServiceProcess;
import io.tripwire.controlplane.testing.TestKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Real processes for the reconciler's process-level tests: the packaged paper venue, gateway and
 * reconciler on Redis DB 14 and the test database, plus plain JDBC and Redis access to both stores.
 */
final class Stack {

    static final int REDIS_DB = Integer.getInteger("it.redis.db", 14);
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Stack() {
    }

    static Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of(
                "REDIS_URL", "redis://127.0.0.1:6379/" + REDIS_DB,
                "PG_URL", TestKeys.TEST_PG_URL,
                "PG_JDBC_URL", TestKeys.TEST_JDBC_URL));
        env.putAll(extra);
        return env;
    }

    static Path jar(String module) {
        Path jar = module.equals("reconciler")
                ? Path.of(System.getProperty("service.jar", "target/quarkus-app/quarkus-run.jar"))
                : Path.of("..", module, "target", "quarkus-app", "quarkus-run.jar");
        // The pom's reactor-order dependencies make -am package paper-venue and execution-gateway first.
        if (!java.nio.file.Files.exists(jar)) {
            throw new IllegalStateException("no packaged " + module + " at " + jar.toAbsolutePath()
                    + "; build with -am (or a full ./mvnw verify)");
        }
        return jar;
    }

    static ServiceProcess paperVenue() {
        return ServiceProcess.start("paper-venue", jar("paper-venue"), env(Map.of(
                "PAPER_VENUE_AUTO_TICK", "true", "PAPER_VENUE_FAULTS_ACCEPT_THEN_TIMEOUT_HOLD", "3s")));
    }

    static ServiceProcess gateway(ServiceProcess venue) {
        return gateway(venue, Map.of());
    }

    static ServiceProcess gateway(ServiceProcess venue, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of(
                "TRIPWIRE_VENUE_BASE_URL", "http://127.0.0.1:" + venue.port(), "TRIPWIRE_VENUE_REQUEST_TIMEOUT", "1s"));
        env.putAll(extra);
        return ServiceProcess.start("gateway", jar("execution-gateway"), env(env));
    }

    static ServiceProcess reconciler(String name, ServiceProcess venue, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of(
                "TRIPWIRE_VENUE_BASE_URL", "http://127.0.0.1:" + venue.port(),
                "TRIPWIRE_INSTANCE_ID", name,
                "RECONCILER_GRACE_PERIOD", "3s",
                "RECONCILER_CONTROL_STATE_INTERVAL", "1s",
                "RECONCILER_LEASE_TTL", "3s"));
        env.putAll(extra);
        return ServiceProcess.start(name, jar("reconciler"), env(env));
    }

    /** Empty stores: this test's Redis DB, Tripwire's tables and the paper venue's. */
    static void clean() {
        try (Resp redis = new Resp(REDIS_DB)) {
            redis.call("FLUSHDB"); // this test's DB index only
        }
        sql("SET session_replication_role = replica; TRUNCATE control_state, control_events, audit_log, api_keys, operators, "
                + "order_events, orders, positions, circuit_breaker_events, kill_switch_events, portfolio_snapshots, "
                + "reconciliation_runs, orphan_orders, position_bookings, paper_venue.paper_orders, paper_venue.positions, "
                + "paper_venue.account, paper_venue.market_state RESTART IDENTITY; ALTER SEQUENCE audit_log_id_seq RESTART; "
                + "SET session_replication_role = origin");
    }

    static void sql(String statements) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(statements);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Map<String, Object>> rows(String query) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            List<Map<String, Object>> out = new ArrayList<>();
            while (r.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                    row.put(r.getMetaData().getColumnLabel(i), r.getObject(i));
                }
                out.add(row);
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static long count(String query) {
        return ((Number) rows(query).getFirst().values().iterator().next()).longValue();
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(TestKeys.TEST_JDBC_URL, "postgres", "postgres");
    }

    static HttpResponse<String> post(ServiceProcess service, String path, String key, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(service.url(path)).timeout(Duration.ofSeconds(30))
                .header("X-API-Key", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json));
        return send(b);
    }

    static HttpResponse<String> get(ServiceProcess service, String path, String key) {
        return send(HttpRequest.newBuilder(service.url(path)).timeout(Duration.ofSeconds(10)).header("X-API-Key", key).GET());
    }

    static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            sleep(100);
        }
        throw new AssertionError("not within " + timeout + ": " + what);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static URI uri(ServiceProcess s, String path) {
        return s.url(path);
    }
}

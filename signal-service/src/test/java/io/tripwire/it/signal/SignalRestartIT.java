package io.tripwire.it.signal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tripwire.controlplane.testing.ServiceProcess;
import io.tripwire.controlplane.testing.TestKeys;
import java.net.URI;
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
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged service as a real process, killed with -9 and started again: the models are reloaded from
 * PostgreSQL (an artifact revoked with plain SQL while it was down is not loaded) and the rolling features are
 * rebuilt from md:bars, without deciding on old bars again. Run by failsafe after the jar is packaged; it lives
 * outside {@code io.tripwire.signal} so that {@code -Dtest='io.tripwire.signal.**'} (surefire, before packaging)
 * does not pick it up against a stale or missing jar.
 */
class SignalRestartIT {

    /** This module's own Redis DB index (its @QuarkusTests use it too; they run in another phase). */
    static final int REDIS_DB = 2;
    static final double[] CLOSES = {100, 102, 101, 103, 104, 103, 105, 107, 106, 108, 110, 109, 111, 113, 112, 114, 116, 115, 117, 119, 120};
    static final Instant T0 = Instant.parse("2026-02-02T14:30:00Z");

    private ServiceProcess service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void aRestartReloadsTheModelsAndRebuildsTheFeatures() throws Exception {
        clean();
        service = start();
        String key = TestKeys.insertAdminKey("it-signal");
        post(key, "/api/v1/artifacts", """
                {"artifact_id":"it-1","strategy_name":"it","strategy_version":"1","payload":{"model":{"type":"logistic",
                 "weights":{"mom_20":10},"bias":0},"symbols":["AAPL"],"sizing":{"qty_usd":1000},"risk_profile":{"max_daily_loss":500}}}""", 201);
        for (String type : new String[] {"TECHNICAL", "RISK", "BUSINESS"}) {
            post(key, "/api/v1/artifacts/it-1/approve", "{\"approver\":\"it\",\"type\":\"" + type + "\"}", 200);
        }
        await("model loaded", () -> consensus(key).statusCode() == 200);
        try (Resp redis = new Resp(REDIS_DB)) {
            for (int i = 0; i < CLOSES.length; i++) {
                bar(redis, i, CLOSES[i]);
            }
        }
        await("first decision recorded", () -> count("SELECT count(*) FROM strategy_signals") == 1);
        String features = get(key, "/api/v1/features/AAPL").body();
        assertThat(features).contains("\"bars\":21").contains("\"mom_20\":0.19999999999999996");

        service.kill9();
        service = start();
        assertThat(get(key, "/api/v1/features/AAPL").body()).isEqualTo(features);
        assertThat(consensus(key).body()).contains("\"model_version\":\"it-1\"");
        Thread.sleep(1500);
        assertThat(count("SELECT count(*) FROM strategy_signals")).as("no decision on old bars").isEqualTo(1);

        // revoked with plain SQL while the service is down: the next start does not load it
        service.kill9();
        sql("UPDATE strategy_artifacts SET state = 'REVOKED' WHERE artifact_id = 'it-1';");
        service = start();
        HttpResponse<String> refused = consensus(key);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.body()).contains("MODEL_SERVICE_UNAVAILABLE");
    }

    private static ServiceProcess start() {
        Map<String, String> env = new HashMap<>(Map.of(
                "REDIS_URL", "redis://127.0.0.1:6379/" + REDIS_DB,
                "PG_URL", TestKeys.TEST_PG_URL,
                "PG_JDBC_URL", TestKeys.TEST_JDBC_URL,
                "SIGNAL_ARTIFACTS_REFRESH_INTERVAL", "1h"));
        return ServiceProcess.start("signal-service", Path.of(System.getProperty("service.jar",
                "target/quarkus-app/quarkus-run.jar")), env);
    }

    private static void clean() {
        try (Resp redis = new Resp(REDIS_DB)) {
            redis.call("DEL", "md:bars");
        }
        try {
            sql("TRUNCATE strategy_signals, artifact_approvals, artifact_state_changes, strategy_artifacts RESTART IDENTITY CASCADE");
        } catch (IllegalStateException e) {
            // first run on a fresh database: the service's Flyway creates the tables
        }
    }

    private static void bar(Resp redis, int i, double close) {
        Instant ts = T0.plusSeconds(60L * i);
        String c = Double.toString(close);
        redis.call("XADD", "md:bars", "*", "symbol", "AAPL", "o", c, "h", c, "l", c, "c", c, "volume", "100",
                "ts", ts.toString(), "ts_ms", Long.toString(ts.toEpochMilli()));
    }

    private HttpResponse<String> consensus(String key) {
        return send(key, "POST", "/api/ai/consensus", "{\"symbol\":\"AAPL\",\"features\":{\"mom_20\":0.1,\"rv_5\":0.01,\"rsi_14\":55}}");
    }

    private HttpResponse<String> get(String key, String path) {
        return send(key, "GET", path, null);
    }

    private void post(String key, String path, String body, int expected) {
        HttpResponse<String> r = send(key, "POST", path, body);
        assertThat(r.statusCode()).as(path + " -> " + r.body()).isEqualTo(expected);
    }

    private HttpResponse<String> send(String key, String method, String path, String body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(service.url(path).toString())).timeout(Duration.ofSeconds(10))
                    .header("X-API-Key", key).header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            return service.send(b);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(String query) {
        try (Connection c = DriverManager.getConnection(TestKeys.TEST_JDBC_URL, "postgres", "postgres");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sql(String statement) {
        try (Connection c = DriverManager.getConnection(TestKeys.TEST_JDBC_URL, "postgres", "postgres");
             Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(15);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(what + " not within 15 s");
    }
}

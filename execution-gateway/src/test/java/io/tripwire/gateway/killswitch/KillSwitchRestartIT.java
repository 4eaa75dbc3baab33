package io.tripwire.gateway.killswitch;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.tripwire.controlplane.testing.DetachedStores;
import io.tripwire.controlplane.testing.ServiceProcess;
import io.tripwire.controlplane.testing.TestKeys;
import io.tripwire.controlplane.testing.TestStores;
import io.tripwire.gateway.support.PaperVenue;
import io.tripwire.gateway.support.PaperVenueResource;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged gateway as a real process: killed with SIGKILL while a CLOSE_POSITIONS kill switch is
 * flattening (the venue refusing every order), then started again: the new process finishes the job on
 * its own, from the stored state, and never sells more than the position.
 */
class KillSwitchRestartIT {

    private static final Path GATEWAY_JAR = Path.of(System.getProperty("service.jar", "target/quarkus-app/quarkus-run.jar"));
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static Vertx vertx;
    private static Pool pool;
    private static io.quarkus.redis.datasource.ReactiveRedisDataSource redis;
    private static ServiceProcess venue;

    @BeforeAll
    static void storesAndVenue() {
        vertx = Vertx.vertx();
        pool = PgBuilder.pool().connectingTo(new PgConnectOptions().setHost("127.0.0.1").setPort(5432)
                .setDatabase(TestKeys.TEST_DB).setUser("postgres").setPassword("postgres")).using(vertx).build();
        redis = DetachedStores.redisAt(vertx, PaperVenueResource.REDIS_URL);
        TestStores.clean(redis, pool);
        PaperVenue.resetBook();
        venue = ServiceProcess.start("paper-venue", Path.of("..", "paper-venue", "target", "quarkus-app", "quarkus-run.jar"),
                PaperVenueResource.STORES);
        PaperVenue.use(venue);
    }

    @AfterAll
    static void stop() {
        venue.close();
        pool.close().await().atMost(WAIT);
        vertx.close().await().atMost(WAIT);
    }

    @Test
    void aGatewayKilledWhileFlatteningFinishesTheJobAfterItsRestart() {
        String admin;
        try (ServiceProcess first = gateway("gateway-before-kill")) {
            admin = TestKeys.insertAdminKey("restart-it");
            redis("SET", "reconciliation:state", "{\"state\":\"READY\",\"run_id\":\"it\",\"started_at\":null,\"finished_at\":null}");
            redis("HSET", "exposure:AAPL", "pos", "0", "wbuy", "0", "wsell", "0");
            Awaitility.await().atMost(WAIT).until(() -> "1".equals(redis("EXISTS", "md:last:AAPL")));
            call(first, admin).body(Map.of("symbol", "AAPL", "side", "BUY", "qty", "3", "type", "MARKET"))
                    .post("/api/v1/orders").then().statusCode(201);
            Awaitility.await().atMost(WAIT).until(() -> new BigDecimal("3").compareTo(aapl()) == 0);

            PaperVenue.faults(admin, Map.of("reject_all", true));
            call(first, admin).body(Map.of("mode", "CLOSE_POSITIONS", "reason", "flatten, then the gateway dies"))
                    .post("/api/kill-switch").then().statusCode(200);
            Awaitility.await().atMost(WAIT).until(() -> count("SELECT count(*) FROM kill_switch_events WHERE event = 'FLATTEN_ORDER'") > 0);
            // The kill lands after the refused flatten order is settled in PostgreSQL and Redis: a kill between
            // those two writes leaves its reservation in exposure:AAPL, which only a reconciler run rebuilds
            // (there is none here); that crash window is a known gap, not what this test is about.
            Awaitility.await().atMost(WAIT).until(() -> count("SELECT count(*) FROM orders WHERE client_order_id LIKE 'ks-%' "
                    + "AND status = 'REJECTED'") > 0 && "0".equals(redis("HGET", "exposure:AAPL", "wsell")));
            first.kill9();
        }
        PaperVenue.clearFaults(admin);
        assertThat(aapl()).isEqualByComparingTo("3");

        try (ServiceProcess second = gateway("gateway-after-restart")) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> aapl().signum() == 0);
            Awaitility.await().atMost(WAIT).until(() -> new BigDecimal("3").compareTo(flattenedSells()) == 0);
            Awaitility.await().pollDelay(Duration.ofSeconds(3)).atMost(WAIT).until(() -> aapl().signum() == 0);
            assertThat(flattenedSells()).isEqualByComparingTo("3");
        }
    }

    private ServiceProcess gateway(String name) {
        Map<String, String> env = new HashMap<>(PaperVenueResource.STORES);
        env.put("TRIPWIRE_VENUE_BASE_URL", PaperVenue.baseUrl());
        return ServiceProcess.start(name, GATEWAY_JAR, env);
    }

    private static RequestSpecification call(ServiceProcess gateway, String key) {
        return given().baseUri("http://127.0.0.1:" + gateway.port()).header("X-API-Key", key).contentType(ContentType.JSON);
    }

    private static BigDecimal aapl() {
        return PaperVenue.positions().getOrDefault("AAPL", BigDecimal.ZERO);
    }

    private static BigDecimal flattenedSells() {
        var rows = pool.query("SELECT coalesce(sum(filled_qty), 0) FROM orders WHERE provenance = 'kill-switch' AND side = 'SELL'")
                .execute().await().atMost(WAIT);
        return rows.iterator().next().getBigDecimal(0);
    }

    private static long count(String sql) {
        return pool.query(sql).execute().await().atMost(WAIT).iterator().next().getLong(0);
    }

    private static String redis(String... command) {
        return redis.execute(command[0],
                java.util.Arrays.copyOfRange(command, 1, command.length)).await().atMost(WAIT).toString();
    }
}

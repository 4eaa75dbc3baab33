package io.tripwire.gateway.breaker;

import static io.tripwire.gateway.support.GatewayTestSupport.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tripwire.controlplane.auth.ApiKeyScope;
import io.restassured.RestAssured;
import io.tripwire.controlplane.state.BreakerStatus;
import io.tripwire.gateway.support.GatewayTestSupport;
import io.tripwire.gateway.support.Orders;
import io.tripwire.gateway.support.PaperVenue;
import io.tripwire.gateway.support.PaperVenueResource;
import io.tripwire.gateway.support.RedisCli;
import io.tripwire.gateway.support.StoreProxiesResource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway reaches PostgreSQL and Redis through relays the tests cut; the test itself reads the stores directly. */
@QuarkusTest
@WithTestResource(PaperVenueResource.class)
@WithTestResource(StoreProxiesResource.class)
class StoreOutageTest {

    private static final String REASON = "venue recovered, fills reconciled by ops";

    @Inject GatewayTestSupport support;
    String admin;

    @BeforeEach
    void tradeable() {
        admin = support.tradeable();
    }

    /** Verifies the key once so it is in the gateway's key cache before PostgreSQL goes away. */
    private void cut(io.tripwire.controlplane.testing.TcpProxy store) {
        as(admin).get("/api/v1/whoami").then().statusCode(200);
        store.cut();
    }

    @AfterEach
    void storesBack() {
        StoreProxiesResource.postgres().restore();
        StoreProxiesResource.redis().restore();
    }

    @Test
    void aResetWithPostgresUnreachableIs503ChangesNothingAndGivesTheRateTokenBack() {
        trip();
        cut(StoreProxiesResource.postgres());

        reset().then().statusCode(503).body("code", equalTo("CONTROL_PLANE_UNAVAILABLE"));

        assertThat(directRedis("circuit_breaker:state")).contains("\"TRIPPED\"");
        assertThat(directRedis("cb_ratelimit:reset:global")).isNull();
        assertThat(postgresBreaker()).isEqualTo("TRIPPED");
        StoreProxiesResource.postgres().restore();
        Awaitility.await().atMost(GatewayTestSupport.WAIT).untilAsserted(() -> reset().then().statusCode(200)
                .body("breaker.state", equalTo("QUIET_PERIOD")));
    }

    @Test
    void aResetWithRedisUnreachableIs503AndChangesNothing() {
        trip();
        cut(StoreProxiesResource.redis());

        reset().then().statusCode(503).body("code", equalTo("CONTROL_PLANE_UNAVAILABLE"));

        assertThat(postgresBreaker()).isEqualTo("TRIPPED");
        assertThat(directRedis("circuit_breaker:state")).contains("\"TRIPPED\"");
        StoreProxiesResource.redis().restore();
        Awaitility.await().atMost(GatewayTestSupport.WAIT).untilAsserted(() -> reset().then().statusCode(200));
    }

    @Test
    void killSwitchDeactivationWithPostgresUnreachableIsRefusedAndTheSwitchStaysOn() {
        as(admin).body(Map.of("mode", "HALT_ONLY", "reason", "outage drill")).post("/api/kill-switch").then().statusCode(200);
        cut(StoreProxiesResource.postgres());

        as(admin).body(Map.of("reason", "all clear")).delete("/api/kill-switch")
                .then().statusCode(503).body("code", equalTo("CONTROL_PLANE_UNAVAILABLE"));

        assertThat(directRedis("kill_switch:state")).contains("\"active\":true");
        StoreProxiesResource.postgres().restore();
        Awaitility.await().atMost(GatewayTestSupport.WAIT).untilAsserted(() -> as(admin).body(Map.of("reason", "all clear"))
                .delete("/api/kill-switch").then().statusCode(200).body("kill_switch.active", equalTo(false)));
    }

    @Test
    void killSwitchActivationWithPostgresUnreachableStillHaltsCancelsAtTheVenueAndIsWrittenToPostgresLater() {
        Orders.limit(admin, "AAPL", "BUY", "1", support.priceAway("AAPL", 400)).then().statusCode(201);
        Awaitility.await().atMost(GatewayTestSupport.WAIT).until(() -> PaperVenue.openOrders() == 1);
        cut(StoreProxiesResource.postgres());

        as(admin).body(Map.of("mode", "HALT_ONLY", "reason", "halt while the database is down")).post("/api/kill-switch")
                .then().statusCode(200).body("changed", equalTo(true)).body("confirmed", contains("REDIS"));
        Orders.market(admin, "AAPL", "BUY", "1").then().statusCode(423).body("code", equalTo("KILL_SWITCH_ACTIVE"));
        Awaitility.await().atMost(GatewayTestSupport.WAIT).until(() -> PaperVenue.openOrders() == 0);

        StoreProxiesResource.postgres().restore();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "true".equals(postgresKillSwitchActive()));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "1".equals(query(
                "SELECT count(*) FROM kill_switch_events WHERE event = 'ACTIVATE' AND reason = 'halt while the database is down'")));
    }

    @Test
    void aTripWithPostgresUnreachableHaltsAtOnceAndItsEventRowIsInPostgresOnceItIsBack() {
        cut(StoreProxiesResource.postgres());

        as(admin).body(Map.of("reason", "tripped during the database outage", "acknowledged", true))
                .post("/api/v1/circuit-breaker/trip").then().statusCode(200).body("confirmed", contains("REDIS"));
        Orders.market(admin, "AAPL", "BUY", "1").then().statusCode(423).body("code", equalTo("CIRCUIT_BREAKER_TRIPPED"));

        StoreProxiesResource.postgres().restore();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "1".equals(query(
                "SELECT count(*) FROM circuit_breaker_events WHERE event = 'TRIP' AND details::text LIKE '%during the database outage%'")));
        assertThat(postgresBreaker()).isEqualTo("TRIPPED");
    }

    @Test
    void withPostgresDownAKeyVerifiedBeforeStillHaltsTradingAndAKeyNeverSeenGets503() {
        String neverSeen = support.key(ApiKeyScope.values());
        cut(StoreProxiesResource.postgres());
        Awaitility.await().pollDelay(Duration.ofMillis(1500)).until(() -> true); // past the 1 s key cache

        as(neverSeen).get("/api/v1/whoami").then().statusCode(503).body("code", equalTo("CONTROL_PLANE_UNAVAILABLE"));
        as(admin).body(Map.of("reason", "tripped while the database is down", "acknowledged", true))
                .post("/api/v1/circuit-breaker/trip").then().statusCode(200);
        as(admin).body(Map.of("mode", "HALT_ONLY", "reason", "halt while the database is down")).post("/api/kill-switch")
                .then().statusCode(200).body("kill_switch.active", equalTo(true));
        as(admin).body(Map.of("reason", REASON, "acknowledged", true)).post("/api/v1/circuit-breaker/reset")
                .then().statusCode(503).body("code", equalTo("CONTROL_PLANE_UNAVAILABLE"));
        assertThat(directRedis("circuit_breaker:state")).contains("\"TRIPPED\"");
    }

    @Test
    void aKeyPostgresReportedRevokedIsNotAcceptedFromItsOlderRecordDuringALaterOutage() {
        String key = support.key(ApiKeyScope.values());
        as(key).get("/api/v1/whoami").then().statusCode(200);
        // revoked behind the gateway's back (its pub/sub revocation message missed): the next fresh read tells
        update("UPDATE api_keys SET revoked_at = now(), revoked_by = 'test' WHERE key_prefix = '" + key.split("_")[1] + "'");
        Awaitility.await().pollDelay(Duration.ofMillis(1500)).until(() -> true); // past the 1 s key cache
        as(key).get("/api/v1/whoami").then().statusCode(401);

        cut(StoreProxiesResource.postgres());
        Awaitility.await().pollDelay(Duration.ofMillis(1500)).until(() -> true);

        as(key).get("/api/v1/whoami").then().statusCode(503).body("code", equalTo("CONTROL_PLANE_UNAVAILABLE"));
    }

    @Test
    void rightAfterATripOrdersAreRefusedWithoutTheAdmissionScriptThenFailClosedOnceTheSightingIsOld() {
        trip();
        support.redis().key().del("circuit_breaker:state").await().atMost(GatewayTestSupport.WAIT); // the script would say 503

        Orders.market(admin, "AAPL", "BUY", "1").then().statusCode(423).body("code", equalTo("CIRCUIT_BREAKER_TRIPPED"));

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> Orders.market(admin, "AAPL", "BUY", "1")
                .then().statusCode(503).body("code", equalTo("CONTROL_PLANE_UNAVAILABLE")));
    }

    @Test
    void historyIsAnsweredFromPostgresWhenRedisIsUnreachable() {
        trip();
        cut(StoreProxiesResource.redis());

        as(admin).get("/api/v1/circuit-breaker/history").then().statusCode(200).body("source", equalTo("postgres"))
                .body("entries[0].reason", equalTo("MANUAL")).body("entries[0].message", equalTo("tripped by the outage tests"));
    }

    @Test
    void breakerStalenessGrowsWhileRedisIsUnreachableAndRecoversAfter() {
        Awaitility.await().atMost(GatewayTestSupport.WAIT).until(() -> gauge("cb_staleness_seconds") < 2.5);
        cut(StoreProxiesResource.redis());

        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> gauge("cb_staleness_seconds") >= 4);
        assertThat(gauge("cb_state")).isEqualTo(-1);

        StoreProxiesResource.redis().restore();
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> gauge("cb_staleness_seconds") < 2.5);
        assertThat(gauge("cb_state")).isEqualTo(BreakerStatus.OPEN.restrictiveness());
    }

    private void trip() {
        as(admin).body(Map.of("reason", "tripped by the outage tests", "acknowledged", true))
                .post("/api/v1/circuit-breaker/trip").then().statusCode(200);
    }

    private io.restassured.response.Response reset() {
        return as(admin).body(Map.of("reason", REASON, "acknowledged", true)).post("/api/v1/circuit-breaker/reset");
    }

    private static double gauge(String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*})? (\\S+)$").matcher(RestAssured.get("/q/metrics").asString());
        assertThat(m.find()).as(name + " in /q/metrics").isTrue();
        return Double.parseDouble(m.group(2));
    }

    private static String directRedis(String key) {
        return RedisCli.get(key);
    }

    private static String postgresBreaker() {
        return query("SELECT value->>'state' FROM control_state WHERE control_key = 'circuit_breaker:state'");
    }

    private static String postgresKillSwitchActive() {
        return query("SELECT value->>'active' FROM control_state WHERE control_key = 'kill_switch:state'");
    }

    private static void update(String sql) {
        try (Connection c = DriverManager.getConnection(io.tripwire.controlplane.testing.TestKeys.TEST_JDBC_URL, "postgres", "postgres")) {
            assertThat(c.createStatement().executeUpdate(sql)).isEqualTo(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String query(String sql) {
        try (Connection c = DriverManager.getConnection(io.tripwire.controlplane.testing.TestKeys.TEST_JDBC_URL, "postgres", "postgres");
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.tripwire.alert.sink;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.tripwire.alert.support.AlertFixtures;
import io.tripwire.alert.support.PlaceholderProfile;
import io.tripwire.alert.support.PlaceholderProviders;
import io.tripwire.alert.support.ProviderStubs;
import io.tripwire.controlplane.alert.Alert;
import io.tripwire.controlplane.alert.AlertPublisher;
import io.tripwire.controlplane.alert.Severity;
import io.tripwire.controlplane.auth.ApiKeyScope;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Placeholder credentials (the paper-mode defaults): every alert reaches the sink through the normal pipeline —
 * marked delivered, counted, readable in the inbox and in the sink file — and nothing goes to any provider.
 */
@QuarkusTest
@TestProfile(PlaceholderProfile.class)
class SinkDeliveryTest {

    @Inject AlertFixtures fixtures;
    @Inject AlertPublisher publisher;
    String key;

    @BeforeEach
    void clean() {
        key = fixtures.reset();
    }

    @Test
    void everyChannelSaysSinkAndWhere() {
        JsonPath channels = given().header("X-API-Key", key).accept("application/json").get("/api/v1/channels")
                .then().statusCode(200).extract().jsonPath();
        assertThat(channels.getList("channel")).containsExactly("email", "slack", "sms", "pagerduty");
        assertThat(channels.getList("destination")).containsOnly("sink");
        assertThat(channels.getList("sink_file")).containsOnly(PlaceholderProviders.sinkFile().toString());
        assertThat(channels.getList("reason", String.class)).contains("SendGrid API key is a placeholder");
        given().header("X-API-Key", key).accept("text/plain").get("/api/v1/channels").then().statusCode(200)
                .body(equalTo("email→sink, slack→sink, sms→sink, pagerduty→sink"));
    }

    @Test
    void aBreakerTripPublishedOnTheStreamReachesTheInboxAndTheFileMarkedDelivered() throws IOException {
        double before = deliveredCount("pagerduty");
        String dedupKey = "circuit-breaker-tripped-" + UUID.randomUUID();
        publisher.publish(new Alert(Severity.CRITICAL, "execution-gateway", "Circuit breaker TRIPPED: MANUAL - sink test",
                Map.of("reason", "MANUAL"), dedupKey, false, Instant.now())).await().atMost(Duration.ofSeconds(5));
        long alertId = alertId(dedupKey);

        var pd = fixtures.awaitStatus(alertId, "pagerduty", "delivered", Duration.ofSeconds(10));
        var sms = fixtures.awaitStatus(alertId, "sms", "delivered", Duration.ofSeconds(10));
        assertThat(pd.getString("provider_ref")).isEqualTo("sink:" + pd.getLong("id") + "-1");
        assertThat(sms.getString("provider_ref")).startsWith("sink:");
        assertThat(pd.getOffsetDateTime("delivered_at")).isNotNull();

        JsonPath inbox = inbox("");
        List<Map<String, Object>> mine = inbox.<Map<String, Object>>getList("messages").stream()
                .filter(m -> dedupKey.equals(m.get("dedup_key"))).toList();
        assertThat(mine).extracting(m -> m.get("channel")).containsExactlyInAnyOrder("pagerduty", "sms");
        assertThat(mine).allSatisfy(m -> {
            assertThat(m.get("subject")).isEqualTo("[CRITICAL] Circuit breaker TRIPPED: MANUAL - sink test (execution-gateway)");
            assertThat(m.get("kind")).isEqualTo("trigger");
            assertThat(((Number) m.get("alert_id")).longValue()).isEqualTo(alertId);
        });
        assertThat(inbox.getString("sink_file")).isEqualTo(PlaceholderProviders.sinkFile().toString());

        assertThat(Files.readAllLines(PlaceholderProviders.sinkFile())).filteredOn(l -> l.contains(dedupKey)).hasSize(2)
                .anySatisfy(l -> assertThat(l).contains("\"channel\":\"pagerduty\"").contains("\"recipient\":\"platform-team\""))
                .anySatisfy(l -> assertThat(l).contains("\"channel\":\"sms\"").contains("\"recipient\":\"+15005550006\""));

        assertThat(ProviderStubs.server().getAllServeEvents()).as("no provider was called").isEmpty();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> deliveredCount("pagerduty") >= before + 1);
        assertThat(given().get("/q/metrics").asString()).containsPattern("alert_delivery_latency_seconds_count\\{channel=\"pagerduty\"[^}]*} [1-9]");
    }

    @Test
    void anAlertPostedToTheIntakeOnEachSeverityAndItsResolveGoToTheSink() {
        String info = "info-" + UUID.randomUUID();
        String warning = "warning-" + UUID.randomUUID();
        String critical = "critical-" + UUID.randomUUID();
        long infoId = fixtures.submit(key, "info", info, Map.of());
        long warningId = fixtures.submit(key, "warning", warning, Map.of());
        long criticalId = fixtures.submit(key, "critical", critical, Map.of());
        fixtures.awaitStatus(infoId, "email", "delivered", Duration.ofSeconds(10));
        fixtures.awaitStatus(warningId, "slack", "delivered", Duration.ofSeconds(10));
        fixtures.awaitStatus(criticalId, "pagerduty", "delivered", Duration.ofSeconds(10));
        fixtures.awaitStatus(criticalId, "sms", "delivered", Duration.ofSeconds(10));

        fixtures.submit(key, Map.of("severity", "critical", "source", "test", "summary", "disk full on " + critical,
                "dedup_key", critical, "status", "resolved"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> inbox("?channel=pagerduty").<Map<String, Object>>getList("messages")
                .stream().anyMatch(m -> critical.equals(m.get("dedup_key")) && "resolve".equals(m.get("kind"))));

        JsonPath all = inbox("");
        List<Map<String, Object>> messages = all.getList("messages");
        assertThat(messages).anySatisfy(m -> assertThat(m).containsEntry("dedup_key", info).containsEntry("channel", "email")
                .containsEntry("recipient", "ops@tripwire.invalid"));
        assertThat(messages).anySatisfy(m -> assertThat(m).containsEntry("dedup_key", warning).containsEntry("channel", "slack")
                .containsEntry("recipient", "#alerts-ops"));
        assertThat(messages.get(0)).as("newest first").containsEntry("dedup_key", critical).containsEntry("kind", "resolve");
        assertThat(messages.get(0).get("subject")).asString().startsWith("[RESOLVED]");
        assertThat(fixtures.count("SELECT count(*) FROM alert_deliveries WHERE status <> 'delivered'")).isZero();
        assertThat(ProviderStubs.server().getAllServeEvents()).isEmpty();

        assertThat(inbox("?limit=1").getList("messages")).hasSize(1);
        assertThat(inbox("?limit=1").getInt("count")).isEqualTo(1);
        assertThat(inbox("?channel=email").getList("messages.channel")).isNotEmpty().containsOnly("email");
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=1001", "limit=abc", "limit=-1", "limit=1x", "channel=pigeon", "channel=EMAIL"})
    void badInboxParametersAreA400WithTheRejectBody(String query) {
        String field = query.substring(0, query.indexOf('='));
        given().header("X-API-Key", key).get("/api/v1/inbox?" + query).then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED")).body("message", equalTo("request is invalid"))
                .body("details.fields", hasKey(field));
    }

    @Test
    void theInboxNeedsAnAlertsAdminKeyThePageDoesNot() {
        given().get("/api/v1/inbox").then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
        given().header("X-API-Key", fixtures.key(ApiKeyScope.ORDERS_READ)).get("/api/v1/inbox").then().statusCode(403)
                .body("code", equalTo("FORBIDDEN"));
        given().get("/api/v1/channels").then().statusCode(401);
        given().get("/inbox").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("api/v1/inbox")).body(containsString("Authorization"));
        given().post("/inbox").then().statusCode(401);
    }

    private JsonPath inbox(String query) {
        return given().header("X-API-Key", key).get("/api/v1/inbox" + query).then().statusCode(200).extract().jsonPath();
    }

    private long alertId(String dedupKey) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !fixtures.rows("SELECT id FROM alerts WHERE dedup_key = $1",
                io.vertx.mutiny.sqlclient.Tuple.of(dedupKey), r -> r.getLong(0)).isEmpty());
        return fixtures.rows("SELECT id FROM alerts WHERE dedup_key = $1", io.vertx.mutiny.sqlclient.Tuple.of(dedupKey), r -> r.getLong(0)).get(0);
    }

    private double deliveredCount(String channel) {
        String metrics = given().get("/q/metrics").asString();
        var m = java.util.regex.Pattern.compile("alert_delivery_attempts_total\\{channel=\"" + channel
                + "\",outcome=\"delivered\"[^}]*} ([0-9.E]+)").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}

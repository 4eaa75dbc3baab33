package io.tripwire.alert.poison;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tripwire.alert.support.AlertFixtures;
import io.tripwire.alert.support.ProviderStubs;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Seed 003's poison-queue SQL runs exactly as written, and its manual retry really redelivers; so does the API. */
@QuarkusTest
@QuarkusTestResource(ProviderStubs.class)
class PoisonQueueTest {

    private static final String SEED_SELECT = """
            SELECT id, channel, recipient, error_message, retry_count
            FROM alert_deliveries
            WHERE status = 'poison'
            ORDER BY failed_at DESC;""";
    private static final String SEED_RETRY = """
            UPDATE alert_deliveries
            SET status = 'pending', retry_count = 0
            WHERE id = :delivery_id AND status = 'poison';""";

    @Inject AlertFixtures fixtures;
    String key;

    @BeforeEach
    void poisonedEmail() {
        key = fixtures.reset();
        ProviderStubs.server().stubFor(post(urlPathEqualTo(ProviderStubs.SENDGRID)).willReturn(ProviderStubs.json(400,
                "{\"errors\":[{\"message\":\"Does not contain a valid address.\"}]}")));
    }

    @Test
    void theRunbookSqlListsThePoisonQueueAndItsRetryRedelivers() {
        long alert = fixtures.submit(key, "info", "disk-1", Map.of());
        long id = fixtures.awaitStatus(alert, "email", "poison", Duration.ofSeconds(10)).getLong("id");

        var poisoned = fixtures.rows(SEED_SELECT, Tuple.tuple(), r -> r.getLong("id") + "|" + r.getString("channel") + "|"
                + r.getString("recipient") + "|" + r.getInteger("retry_count") + "|" + r.getString("error_message"));
        assertThat(poisoned).singleElement().asString().startsWith(id + "|email|ops@tripwire.invalid|1|permanent: sendgrid 400");

        ProviderStubs.stubSuccess(); // the operator fixed the cause
        fixtures.execute(SEED_RETRY.replace(":delivery_id", Long.toString(id)));

        var row = fixtures.awaitStatus(alert, "email", "delivered", Duration.ofSeconds(5));
        assertThat(row.getInteger("retry_count")).isEqualTo(1);
        assertThat(row.getOffsetDateTime("requeued_at")).isNotNull();
        ProviderStubs.server().verify(1, postRequestedFor(urlPathEqualTo(ProviderStubs.SENDGRID)));
        assertThat(fixtures.count("SELECT count(*) FROM audit_log WHERE action = 'ALERT_DELIVERY_REQUEUED' AND resource_id = '" + id + "'"))
                .isEqualTo(1);
        assertThat(fixtures.rows(SEED_SELECT, Tuple.tuple(), r -> r.getLong("id"))).isEmpty();
    }

    @Test
    void theRetryApiRedeliversAndIsAudited() {
        long alert = fixtures.submit(key, "info", "disk-2", Map.of());
        long id = fixtures.awaitStatus(alert, "email", "poison", Duration.ofSeconds(10)).getLong("id");
        given().header("X-API-Key", key).get("/api/v1/deliveries?status=poison").then().statusCode(200)
                .body("[0].id", equalTo((int) id)).body("[0].status", equalTo("poison"));

        ProviderStubs.stubSuccess();
        given().header("X-API-Key", key).contentType(ContentType.JSON).body(Map.of("reason", "address fixed in the directory"))
                .post("/api/v1/deliveries/" + id + "/retry").then().statusCode(200)
                .body("status", equalTo("pending")).body("retry_count", equalTo(0));

        fixtures.awaitStatus(alert, "email", "delivered", Duration.ofSeconds(5));
        assertThat(fixtures.count("SELECT count(*) FROM audit_log WHERE action = 'ALERT_DELIVERY_RETRY' AND resource_id = '" + id
                + "' AND reason = 'address fixed in the directory'")).isEqualTo(1);
        assertThat(fixtures.count("SELECT count(*) FROM audit_log WHERE action = 'ALERT_DELIVERY_REQUEUED'")).isZero();
        given().header("X-API-Key", key).contentType(ContentType.JSON).body(Map.of("reason", "again"))
                .post("/api/v1/deliveries/" + id + "/retry").then().statusCode(409).body("code", equalTo("STATE_CONFLICT"));
        given().header("X-API-Key", key).contentType(ContentType.JSON).body(Map.of("reason", "nothing"))
                .post("/api/v1/deliveries/999999/retry").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void thePoisonGaugeFollowsTheTable() {
        long alert = fixtures.submit(key, "info", "disk-3", Map.of());
        fixtures.awaitStatus(alert, "email", "poison", Duration.ofSeconds(10));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() ->
                given().get("/q/metrics").asString().contains("alert_poison_queue_size 1.0"));
        String metrics = given().get("/q/metrics").asString();
        assertThat(metrics).contains("alert_delivery_attempts_total{channel=\"email\",outcome=\"permanent\"}")
                .contains("alert_delivery_latency_seconds_bucket{channel=\"email\",le=\"0.05\"}")
                .contains("alert_delivery_latency_seconds_bucket{channel=\"email\",le=\"300.0\"}")
                .contains("alert_queue_depth");
    }
}

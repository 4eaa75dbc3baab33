package io.tripwire.signal.model;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tripwire.controlplane.auth.ApiKeyScope;
import io.tripwire.controlplane.keys.RedisKeys;
import io.tripwire.signal.artifact.ArtifactChanges;
import io.tripwire.signal.support.SignalFixtures;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which artifacts the model may come from: hash-verified APPROVED/ACTIVE ones only; a tampered row is refused with a
 * CRITICAL alert; a revocation or rollback reaches the running service through pub/sub (the periodic reload is 1 h in
 * tests) within 5 s; a fresh start (reload from PostgreSQL) loads what is approved.
 */
@QuarkusTest
class ArtifactLoadingTest {

    @Inject SignalFixtures fixtures;
    @Inject ModelRegistry models;
    @Inject RedisKeys keys;
    @Inject ArtifactChanges changes;
    String key;
    String reader;

    @BeforeEach
    void clean() {
        key = fixtures.reset();
        reader = fixtures.key(ApiKeyScope.ORDERS_READ);
    }

    int consensusStatus(String symbol) {
        return given().header("X-API-Key", reader).contentType(ContentType.JSON)
                .body(Map.of("symbol", symbol, "features", Map.of("mom_20", 2.0, "rv_5", 0.1, "rsi_14", 60.0)))
                .post("/api/ai/consensus").then().extract().statusCode();
    }

    String modelVersion(String symbol) {
        return given().header("X-API-Key", reader).contentType(ContentType.JSON)
                .body(Map.of("symbol", symbol, "features", Map.of("mom_20", 2.0, "rv_5", 0.1, "rsi_14", 60.0)))
                .post("/api/ai/consensus").then().statusCode(200).extract().path("model_version");
    }

    @Test
    void aTamperedArtifactIsRefusedAtLoadWithACriticalAlertAndNeverUsed() {
        fixtures.approvedModel(key, "tamper-1", "tamper", "1", Map.of("mom_20", 1.0), 0.0, "AAPL");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> consensusStatus("AAPL") == 200);
        // someone changes the weights in PostgreSQL; the hash no longer matches
        fixtures.execute("UPDATE strategy_artifacts SET payload = jsonb_set(payload, '{model,weights,mom_20}', '50') "
                + "WHERE artifact_id = 'tamper-1'");
        models.reload().await().atMost(Duration.ofSeconds(10));
        assertThat(consensusStatus("AAPL")).isEqualTo(503);
        assertThat(models.forSymbol("AAPL")).isEmpty();
        List<StreamMessage<String, String, String>> alerts = fixtures.redis().stream(String.class)
                .xrange(keys.alertsStream(), StreamRange.of("-", "+")).await().atMost(Duration.ofSeconds(5));
        assertThat(alerts).anySatisfy(m -> {
            assertThat(m.payload()).containsEntry("severity", "CRITICAL").containsEntry("source", "signal-service")
                    .containsEntry("dedup_key", "artifact-integrity:tamper-1");
            assertThat(m.payload().get("summary")).contains("tamper-1").contains("hash mismatch");
        });
        // the API shows it as invalid too
        given().header("X-API-Key", reader).get("/api/v1/artifacts/tamper-1").then().statusCode(200).body("hash_valid", equalTo(false));
        // changing the hash column alone is just as refused
        fixtures.approvedModel(key, "tamper-2", "tamper", "2", Map.of("mom_20", 1.0), 0.0, "MSFT");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> consensusStatus("MSFT") == 200);
        fixtures.execute("UPDATE strategy_artifacts SET hash = '" + "0".repeat(64) + "' WHERE artifact_id = 'tamper-2'");
        models.reload().await().atMost(Duration.ofSeconds(10));
        assertThat(consensusStatus("MSFT")).isEqualTo(503);
    }

    @Test
    void aRevokedArtifactStopsBeingUsedWithoutRestartThroughPubSub() {
        fixtures.approvedModel(key, "rev-1", "rev", "1", Map.of("mom_20", 1.0), 0.0, "AAPL");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> consensusStatus("AAPL") == 200);
        fixtures.post(key, "/api/v1/artifacts/rev-1/revoke", Map.of("reason", "model misbehaving")).statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> consensusStatus("AAPL") == 503);
    }

    @Test
    void aRevocationMadeWithSqlIsPickedUpWhenTheChannelSaysSo() {
        fixtures.approvedModel(key, "rev-2", "rev", "2", Map.of("mom_20", 1.0), 0.0, "AAPL");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> consensusStatus("AAPL") == 200);
        fixtures.execute("UPDATE strategy_artifacts SET state = 'REVOKED' WHERE artifact_id = 'rev-2';");
        // no reload has happened: the model is still loaded (the refresh interval is 1 h in tests)
        assertThat(consensusStatus("AAPL")).isEqualTo(200);
        fixtures.redis().pubsub(String.class).publish(changes.channel(), "{\"artifact_id\":\"rev-2\",\"state\":\"REVOKED\",\"action\":\"sql\"}")
                .await().atMost(Duration.ofSeconds(5));
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> consensusStatus("AAPL") == 503);
    }

    @Test
    void rollbackReapprovesThePreviousArtifactAndDeprecatesTheCurrent() {
        fixtures.approvedModel(key, "rb-1", "rb", "1", Map.of("mom_20", 1.0), 0.0, "AAPL");
        fixtures.post(key, "/api/v1/artifacts/rb-1/activate", Map.of("reason", "live")).statusCode(200);
        fixtures.approvedModel(key, "rb-2", "rb", "2", Map.of("mom_20", 2.0), 0.0, "AAPL");
        fixtures.post(key, "/api/v1/artifacts/rb-1/deprecate", Map.of("reason", "superseded by rb-2")).statusCode(200);
        fixtures.post(key, "/api/v1/artifacts/rb-2/activate", Map.of("reason", "live")).statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> "rb-2".equals(modelVersion("AAPL")));

        fixtures.post(key, "/api/v1/artifacts/rollback", Map.of("to", "rb-1", "reason", "rb-2 loses money")).statusCode(200)
                .body("artifact_id", contains("rb-2", "rb-1")).body("state", contains("DEPRECATED", "APPROVED"));
        assertThat(fixtures.state("rb-1")).isEqualTo("APPROVED");
        assertThat(fixtures.state("rb-2")).isEqualTo("DEPRECATED");
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> "rb-1".equals(modelVersion("AAPL")));
        assertThat(fixtures.count("SELECT count(*) FROM audit_log WHERE action = 'artifact.rollback' AND resource_id = 'rb-1'")).isEqualTo(1);

        // a rollback to a revoked, a draft or an already approved artifact is refused
        fixtures.post(key, "/api/v1/artifacts/rb-2/revoke", Map.of("reason", "bad")).statusCode(200);
        fixtures.post(key, "/api/v1/artifacts/rollback", Map.of("to", "rb-2", "reason", "try")).statusCode(409)
                .body("code", equalTo("STATE_CONFLICT")).body("details.state", equalTo("REVOKED"));
        fixtures.post(key, "/api/v1/artifacts/rollback", Map.of("to", "rb-1", "reason", "try")).statusCode(409)
                .body("details.state", equalTo("APPROVED"));
        fixtures.create(key, "rb-3", "rb", "3", SignalFixtures.payload(Map.of("mom_20", 3.0), 0, "AAPL"));
        fixtures.post(key, "/api/v1/artifacts/rollback", Map.of("to", "rb-3", "reason", "try")).statusCode(409)
                .body("details.state", equalTo("DRAFT"));
        fixtures.post(key, "/api/v1/artifacts/rollback", Map.of("to", "nope", "reason", "try")).statusCode(404);
        fixtures.post(key, "/api/v1/artifacts/rollback", Map.of("to", "rb-1")).statusCode(400);
        assertThat(fixtures.state("rb-1")).isEqualTo("APPROVED");
    }

    @Test
    void activeWinsOverApprovedAndAFreshLoadReadsWhatIsApproved() {
        fixtures.approvedModel(key, "pick-1", "pick", "1", Map.of("mom_20", 1.0), 0.0, "AAPL");
        fixtures.post(key, "/api/v1/artifacts/pick-1/activate", Map.of()).statusCode(200);
        fixtures.approvedModel(key, "pick-2", "pick", "2", Map.of("mom_20", 1.0), 0.0, "AAPL");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> models.loadedCount() == 2);
        assertThat(modelVersion("AAPL")).isEqualTo("pick-1");
        // "restart": what a starting service does is one reload from PostgreSQL
        fixtures.execute("TRUNCATE strategy_signals");
        models.reload().await().atMost(Duration.ofSeconds(10));
        assertThat(models.loadedCount()).isEqualTo(2);
        assertThat(modelVersion("AAPL")).isEqualTo("pick-1");
    }
}

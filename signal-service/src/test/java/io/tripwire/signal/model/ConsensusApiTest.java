package io.tripwire.signal.model;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.tripwire.controlplane.auth.ApiKeyScope;
import io.tripwire.signal.support.SignalFixtures;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Seed 001's consensus endpoint over a model loaded from an approved artifact; 503 without one; 400 on bad input. */
@QuarkusTest
class ConsensusApiTest {

    static final double LN4 = Math.log(4); // sigmoid(ln 4) = 0.8 -> confidence 0.6 = the threshold

    @Inject SignalFixtures fixtures;
    @Inject ModelRegistry models;
    String key;
    String reader;

    @BeforeEach
    void clean() {
        key = fixtures.reset();
        reader = fixtures.key(ApiKeyScope.ORDERS_READ);
    }

    ValidatableResponse consensus(Object body) {
        return given().header("X-API-Key", reader).contentType(ContentType.JSON).body(body).post("/api/ai/consensus").then();
    }

    static Map<String, Object> features(double mom) {
        return Map.of("mom_20", mom, "rv_5", 0.2, "rsi_14", 65.0);
    }

    void approvedLoaded(String id, String symbol) {
        fixtures.approvedModel(key, id, "edge", id, Map.of("mom_20", 1.0), 0.0, symbol);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> models.forSymbol(symbol).isPresent());
    }

    @Test
    void noUsableModelIs503ModelServiceUnavailable() {
        consensus(Map.of("symbol", "BTCUSDT", "features", features(1.0))).statusCode(503)
                .body("code", equalTo("MODEL_SERVICE_UNAVAILABLE"))
                .body("details.error", equalTo("model_service_unavailable"));
        // a DRAFT or a model for another symbol is not usable either
        fixtures.create(key, "draft-1", "edge", "d1", SignalFixtures.payload(Map.of("mom_20", 1.0), 0, "BTCUSDT"));
        approvedLoaded("other-1", "ETHUSDT");
        consensus(Map.of("symbol", "BTCUSDT", "features", features(1.0))).statusCode(503);
    }

    @Test
    void answersExactlySeed001sShape() {
        approvedLoaded("shape-1", "BTCUSDT");
        Map<String, Object> answer = consensus(Map.of("symbol", "BTCUSDT", "features", features(1.0)))
                .statusCode(200).extract().as(Map.class);
        assertThat(answer.keySet()).isEqualTo(Set.of("signal", "prob_long", "prob_short", "confidence", "model_version", "allow", "threshold"));
        // sigmoid(1.0) = 0.731059 -> confidence 0.462118 < 0.6
        assertThat(answer).containsEntry("signal", "long").containsEntry("prob_long", 0.731059).containsEntry("prob_short", 0.268941)
                .containsEntry("confidence", 0.462118).containsEntry("model_version", "shape-1").containsEntry("allow", false)
                .containsEntry("threshold", 0.6);
    }

    @Test
    void thresholdEdgesAndFlat() {
        approvedLoaded("edge-1", "BTCUSDT");
        consensus(Map.of("symbol", "btcusdt", "features", features(LN4))).statusCode(200)
                .body("signal", equalTo("long")).body("confidence", equalTo(0.6f)).body("allow", equalTo(true));
        consensus(Map.of("symbol", "BTCUSDT", "features", features(-LN4))).statusCode(200)
                .body("signal", equalTo("short")).body("prob_short", equalTo(0.8f)).body("allow", equalTo(true));
        consensus(Map.of("symbol", "BTCUSDT", "features", features(LN4 - 0.0001))).statusCode(200)
                .body("signal", equalTo("long")).body("confidence", equalTo(0.599968f)).body("allow", equalTo(false));
        consensus(Map.of("symbol", "BTCUSDT", "features", features(0.1))).statusCode(200)
                .body("signal", equalTo("flat")).body("allow", equalTo(false));
    }

    @Test
    void badInputIs400WithTheRejectBody() {
        approvedLoaded("bad-1", "BTCUSDT");
        consensus(Map.of("features", features(1.0))).statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                .body("details.fields.symbol", equalTo("is required"));
        consensus(Map.of("symbol", "BTCUSDT", "features", Map.of("mom_20", "high"))).statusCode(400)
                .body("details.fields.'features.mom_20'", equalTo("must be a finite number"));
        consensus(Map.of("symbol", "BTCUSDT", "features", Map.of("mom_20", 1.0, "volume_9", 3))).statusCode(400)
                .body("details.fields.keySet()", hasItems("features.volume_9"));
        consensus(Map.of("symbol", "BTCUSDT", "features", Map.of("rv_5", 0.2))).statusCode(400)
                .body("details.fields.'features.mom_20'", equalTo("is required by model bad-1"));
        consensus(Map.of("symbol", "BTCUSDT")).statusCode(400).body("details.fields.features", equalTo("must be a non-empty object of feature -> number"));
        consensus("[1,2]").statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        consensus("{\"symbol\":").statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        given().contentType(ContentType.JSON).body(Map.of("symbol", "BTCUSDT", "features", features(1.0))).post("/api/ai/consensus")
                .then().statusCode(401);
    }
}

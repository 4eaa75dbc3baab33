package io.tripwire.gateway.artifact;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.tripwire.gateway.support.AlpacaStub;
import io.tripwire.gateway.support.TestArtifacts;
import io.tripwire.gateway.support.Tradeable;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DESIGN.md §4 step 3: the strategy artifact an order names must be APPROVED or ACTIVE, intact and its strategy's (ADR 0043). */
@QuarkusTest
@WithTestResource(AlpacaStub.class)
class ArtifactAdmissionTest {

    @Inject Tradeable tradeable;
    @Inject Pool pool;
    private String key;
    private final String run = "art-" + UUID.randomUUID().toString().substring(0, 8);
    private int sequence;

    @BeforeEach
    void tradeableStores() {
        tradeable.reset();
        AlpacaStub.stubDefaults();
        key = tradeable.key();
    }

    @Test
    void approvedAndActiveArtifactsAdmitTheOrderAndTheOrderCarriesThem() {
        for (String state : List.of("APPROVED", "ACTIVE")) {
            String artifact = TestArtifacts.create(pool, "momo", state);
            String id = submit(strategyOrder("momo", artifact)).then().statusCode(201)
                    .body("artifact_id", equalTo(artifact)).body("strategy_id", equalTo("momo")).extract().path("id");
            assertThat(tradeable.count("SELECT count(*) FROM orders WHERE id = '" + id + "' AND artifact_id = '" + artifact
                    + "' AND strategy_id = 'momo'")).isEqualTo(1);
        }
    }

    @Test
    void everyStateButApprovedAndActiveIsRefusedWith422AndNothingReachesTheVenue() {
        for (String state : List.of("DRAFT", "VALIDATED", "REVIEWED", "DEPRECATED", "REVOKED")) {
            String artifact = TestArtifacts.create(pool, "momo", state);
            submit(strategyOrder("momo", artifact)).then().statusCode(422).body("code", equalTo("ARTIFACT_NOT_APPROVED"))
                    .body("details.reason", equalTo("NOT_APPROVED")).body("details.state", equalTo(state))
                    .body("details.artifact_id", equalTo(artifact));
        }
        assertThat(tradeable.count("SELECT count(*) FROM orders")).isZero();
        assertNothingSent();
    }

    @Test
    void anUnknownArtifactAndAStrategyOrderWithoutOneAreRefused() {
        submit(strategyOrder("momo", "strat_momo_nope")).then().statusCode(422).body("code", equalTo("ARTIFACT_NOT_APPROVED"))
                .body("details.reason", equalTo("UNKNOWN"));
        Map<String, String> noArtifact = new HashMap<>(strategyOrder("momo", "x"));
        noArtifact.remove("artifact_id");
        submit(noArtifact).then().statusCode(422).body("code", equalTo("ARTIFACT_NOT_APPROVED"))
                .body("details.reason", equalTo("MISSING"));
        submit(Map.of("symbol", "AAPL", "side", "buy", "qty", "1", "type", "market")).then().statusCode(201); // manual order
        assertThat(tradeable.count("SELECT count(*) FROM orders")).isEqualTo(1);
    }

    @Test
    void aTamperedArtifactOrAnotherStrategysArtifactIsRefused() {
        String tampered = TestArtifacts.approved(pool, "momo");
        TestArtifacts.tamper(pool, tampered);
        submit(strategyOrder("momo", tampered)).then().statusCode(422).body("details.reason", equalTo("HASH_MISMATCH"));

        String others = TestArtifacts.approved(pool, "meanrev");
        submit(strategyOrder("momo", others)).then().statusCode(422).body("details.reason", equalTo("STRATEGY_MISMATCH"))
                .body("details.artifact_strategy", equalTo("meanrev"));
        assertNothingSent();
    }

    @Test
    void aRevocationRefusesTheVeryNextOrderButReduceOnlyStillPasses() {
        String artifact = TestArtifacts.approved(pool, "momo");
        submit(strategyOrder("momo", artifact)).then().statusCode(201);
        TestArtifacts.set(pool, artifact, "REVOKED");
        submit(strategyOrder("momo", artifact)).then().statusCode(422).body("details.state", equalTo("REVOKED"));

        tradeable.position("AAPL", 5);
        Map<String, String> reduce = new HashMap<>(strategyOrder("momo", artifact));
        reduce.put("side", "sell");
        reduce.put("reduce_only", "true");
        submit(reduce).then().statusCode(201);
    }

    @Test
    void theRefusalIsCountedByReason() {
        submit(strategyOrder("momo", "strat_momo_nope")).then().statusCode(422);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern(
                "execution_gateway_orders_total\\{[^}]*reason=\"ARTIFACT_NOT_APPROVED\"[^}]*status=\"REJECTED\"[^}]*} [1-9]");
    }

    private static Map<String, String> strategyOrder(String strategy, String artifact) {
        return Map.of("symbol", "AAPL", "side", "buy", "qty", "1", "type", "market", "strategy_id", strategy,
                "artifact_id", artifact, "confidence", "0.9");
    }

    private Response submit(Map<String, String> body) {
        Map<String, String> keyed = new HashMap<>(body);
        keyed.putIfAbsent("client_order_id", run + "-" + sequence++);
        return given().header("X-API-Key", key).contentType(ContentType.JSON).body(keyed).post("/api/v1/orders");
    }

    private void assertNothingSent() {
        AlpacaStub.server().verify(0, postRequestedFor(urlPathEqualTo("/v2/orders")).withRequestBody(containing(run)));
    }
}

package io.tripwire.gateway.admission;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.tripwire.gateway.support.AlpacaStub;
import io.tripwire.gateway.support.SpareRedisProfile;
import io.tripwire.gateway.support.Tradeable;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fail closed: a control key that is missing, garbled or unreadable refuses every order with 503
 * CONTROL_PLANE_UNAVAILABLE and nothing reaches the venue; trading resumes when the state is back.
 */
@QuarkusTest
@TestProfile(SpareRedisProfile.class)
@WithTestResource(AlpacaStub.class)
class FailClosedAdmissionTest {

    @Inject Tradeable tradeable;
    private String key;

    @BeforeEach
    void tradeableStores() {
        SpareRedisProfile.REDIS.start();
        tradeable.reset();
        AlpacaStub.stubDefaults();
        key = tradeable.key();
    }

    @AfterEach
    void redisBack() {
        SpareRedisProfile.REDIS.start();
    }

    @ParameterizedTest
    @ValueSource(strings = {"circuit_breaker:state", "kill_switch:state", "reconciliation:state", "exposure:AAPL"})
    void aMissingControlKeyRefusesEveryOrder(String controlKey) {
        tradeable.redis().key().del(controlKey).await().atMost(Duration.ofSeconds(5));

        submit().then().statusCode(503).body("code", equalTo("CONTROL_PLANE_UNAVAILABLE"));
        assertNothingSent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"circuit_breaker:state", "kill_switch:state", "reconciliation:state"})
    void garbageInAControlKeyRefusesEveryOrder(String controlKey) {
        for (String garbage : new String[] {"not json", "{\"state\":\"MAYBE\",\"active\":\"yes\"}", "[]"}) {
            tradeable.redis().value(String.class).set(controlKey, garbage).await().atMost(Duration.ofSeconds(5));
            submit().then().statusCode(503).body("code", equalTo("CONTROL_PLANE_UNAVAILABLE"));
        }
        assertNothingSent();
    }

    @Test
    void aStoppedRedisRefusesEveryOrderAndTradingResumesWhenItsStateIsBack() {
        SpareRedisProfile.REDIS.kill();

        submit().then().statusCode(503).body("code", equalTo("CONTROL_PLANE_UNAVAILABLE"));
        assertNothingSent();

        SpareRedisProfile.REDIS.start(); // an empty Redis: prices come back first, control state must be restored
        tradeable.price("AAPL", "100.00");
        submit().then().statusCode(503).body("code", equalTo("CONTROL_PLANE_UNAVAILABLE"));
        tradeable.reset();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> submit().then().statusCode(201));
    }

    @Test
    void cancelsStillWorkWhileTheControlPlaneIsUnavailable() {
        String id = submit().then().statusCode(201).extract().path("id");
        tradeable.redis().key().del("circuit_breaker:state").await().atMost(Duration.ofSeconds(5));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().header("X-API-Key", key).delete("/api/v1/orders/" + id).then().statusCode(200));
    }

    /** Each test's orders carry its own client order id prefix, so a late request of another test cannot blur the count. */
    private final String run = "fc-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    private int sequence;

    private Response submit() {
        return given().header("X-API-Key", key).contentType(ContentType.JSON)
                .body(Map.of("symbol", "AAPL", "side", "buy", "qty", "1", "type", "market",
                        "client_order_id", run + "-" + sequence++)).post("/api/v1/orders");
    }

    private void assertNothingSent() {
        AlpacaStub.server().verify(0, postRequestedFor(urlPathEqualTo("/v2/orders")).withRequestBody(containing(run)));
        assertThat(tradeable.count("SELECT count(*) FROM orders")).isZero();
    }
}

package io.tripwire.gateway.venue;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.tripwire.controlplane.control.ControlChanges;
import io.tripwire.controlplane.control.ControlStateService;
import io.tripwire.controlplane.state.KillSwitchMode;
import io.tripwire.gateway.support.AlpacaStub;
import io.tripwire.gateway.support.Tradeable;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An order admitted before a trip or kill but not yet sent is not sent after it: the submitter
 * re-reads the control state right before each send. (No immediate dispatch here: every order waits
 * for the sweeper, which gives the test time to trip in between.)
 */
@QuarkusTest
@TestProfile(SendRecheckTest.SweeperOnly.class)
@WithTestResource(AlpacaStub.class)
class SendRecheckTest {

    /** No submit slots: admitted orders stay NEW until the sweeper picks them up (after 2 s). */
    public static class SweeperOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.venue.max-in-flight", "0");
        }
    }

    @Inject Tradeable tradeable;
    @Inject ControlStateService controlState;
    @Inject Clock clock;
    private String key;

    @BeforeEach
    void tradeableStores() {
        tradeable.reset();
        AlpacaStub.stubDefaults();
        key = tradeable.key();
    }

    @Test
    void anOrderWaitingToBeSentWhenTheBreakerTripsIsCanceledNotSent() {
        String id = submit().then().statusCode(201).body("status", equalTo("NEW")).extract().path("id");
        controlState.apply(ControlChanges.tripBreaker("tripped while the order waits", Map.of(), "test", clock.instant()))
                .await().atMost(Duration.ofSeconds(5));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().header("X-API-Key", key)
                .get("/api/v1/orders/" + id).then().body("status", equalTo("CANCELED"))
                .body("reject_code", equalTo("CIRCUIT_BREAKER_TRIPPED")));
        AlpacaStub.server().verify(0, postRequestedFor(urlPathEqualTo("/v2/orders")));
        assertThat(tradeable.redis().hash(String.class).hget(tradeable.keys().exposure("AAPL"), "wbuy")
                .await().atMost(Duration.ofSeconds(5))).isEqualTo("0");
    }

    @Test
    void anOrderWaitingToBeSentWhenTheKillSwitchIsActivatedIsCanceledNotSent() {
        String id = submit().then().statusCode(201).extract().path("id");
        controlState.apply(ControlChanges.activateKillSwitch(KillSwitchMode.HALT_ONLY, "kill while the order waits", "test",
                clock.instant())).await().atMost(Duration.ofSeconds(5));

        // Whichever comes first ends it: the kill switch's cancel-all, or the submitter's re-check.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().header("X-API-Key", key)
                .get("/api/v1/orders/" + id).then().body("status", equalTo("CANCELED")));
        AlpacaStub.server().verify(0, postRequestedFor(urlPathEqualTo("/v2/orders")));
    }

    @Test
    void withoutATripTheSweeperSendsTheWaitingOrder() {
        String id = submit().then().statusCode(201).extract().path("id");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().header("X-API-Key", key)
                .get("/api/v1/orders/" + id).then().body("status", equalTo("ACCEPTED")));
        AlpacaStub.server().verify(1, postRequestedFor(urlPathEqualTo("/v2/orders")));
    }

    private io.restassured.response.Response submit() {
        return given().header("X-API-Key", key).contentType(ContentType.JSON)
                .body(Map.of("symbol", "AAPL", "side", "buy", "qty", "1", "type", "market")).post("/api/v1/orders");
    }
}

package io.tripwire.papervenue.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.tripwire.controlplane.auth.ApiKeyScope;
import io.tripwire.papervenue.VenueTestSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AlpacaAuthFilterTest {

    @Inject
    VenueTestSupport support;

    @BeforeEach
    void cleanState() {
        support.reset();
    }

    @Test
    void requestWithoutAlpacaHeadersIsRefusedWith401InAlpacasShape() {
        given().get("/v2/account").then().statusCode(401)
                .body("code", equalTo(40110000)).body("message", equalTo("request is not authorized"));
    }

    @Test
    void requestWithOnlyTheKeyIdIsRefusedWith401() {
        given().header("APCA-API-KEY-ID", "test-key").get("/v2/positions").then().statusCode(401)
                .body("code", equalTo(40110000));
    }

    @Test
    void requestWithAWrongSecretIsRefusedWith403() {
        given().header("APCA-API-KEY-ID", "test-key").header("APCA-API-SECRET-KEY", "test-secreT")
                .get("/v2/account").then().statusCode(403).body("code", equalTo(40310000));
    }

    @Test
    void requestWithAWrongKeyIdIsRefusedWith403() {
        given().header("APCA-API-KEY-ID", "other-key").header("APCA-API-SECRET-KEY", "test-secret")
                .get("/v2/orders").then().statusCode(403).body("code", equalTo(40310000));
    }

    @Test
    void aTripwireApiKeyDoesNotOpenTheAlpacaApi() {
        String key = support.apiKey(ApiKeyScope.ORDERS_WRITE, ApiKeyScope.CONFIG_WRITE);
        given().header("Authorization", "Bearer " + key).get("/v2/account").then().statusCode(401)
                .body("code", equalTo(40110000));
    }

    @Test
    void refusedOrderSubmissionCreatesNoOrder() {
        given().header("APCA-API-KEY-ID", "test-key").header("APCA-API-SECRET-KEY", "nope")
                .contentType("application/json")
                .body("{\"symbol\":\"AAPL\",\"qty\":\"1\",\"side\":\"buy\",\"type\":\"market\",\"time_in_force\":\"day\","
                        + "\"client_order_id\":\"auth-refused\"}")
                .post("/v2/orders").then().statusCode(403);
        VenueTestSupport.alpaca().queryParam("client_order_id", "auth-refused").get("/v2/orders:by_client_order_id")
                .then().statusCode(404);
    }

    @Test
    void theConfiguredKeyPairReachesTheAccount() {
        VenueTestSupport.alpaca().get("/v2/account").then().statusCode(200).body("id", notNullValue())
                .body("status", equalTo("ACTIVE"));
    }
}

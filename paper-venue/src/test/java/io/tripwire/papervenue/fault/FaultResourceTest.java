package io.tripwire.papervenue.fault;

import static io.restassured.RestAssured.given;
import static io.tripwire.papervenue.AlpacaOrders.market;
import static io.tripwire.papervenue.AlpacaOrders.submit;
import static io.tripwire.papervenue.VenueTestSupport.alpaca;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tripwire.controlplane.auth.ApiKeyScope;
import io.tripwire.papervenue.VenueTestSupport;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FaultResourceTest {

    @Inject
    VenueTestSupport support;

    @TestHTTPResource("/v2/orders")
    URI ordersUri;

    private String adminKey;

    @BeforeEach
    void cleanState() {
        support.reset();
        adminKey = support.apiKey(ApiKeyScope.CONFIG_WRITE);
    }

    @AfterEach
    void clearFaults() {
        given().header("Authorization", "Bearer " + adminKey).delete("/admin/faults").then().statusCode(200);
    }

    @Test
    void settingFaultsNeedsATripwireApiKey() {
        given().contentType(ContentType.JSON).body("{\"reject_all\":true}").post("/admin/faults").then().statusCode(401)
                .body("code", equalTo("UNAUTHENTICATED"));
        alpaca().get("/admin/faults").then().statusCode(401);
    }

    @Test
    void settingFaultsNeedsTheConfigWriteScope() {
        String reader = support.apiKey(ApiKeyScope.ORDERS_READ);
        given().header("Authorization", "Bearer " + reader).contentType(ContentType.JSON).body("{\"reject_all\":true}")
                .post("/admin/faults").then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        submit(market("AAPL", "1", "buy", null)).statusCode(200);
    }

    @Test
    void rejectAllRefusesOrdersButNotReadsUntilCleared() {
        setFaults("{\"reject_all\":true}").body("reject_all", equalTo(true));
        submit(market("AAPL", "1", "buy", "rejected-1")).statusCode(403).body("code", equalTo(40310000));
        alpaca().delete("/v2/positions/AAPL").then().statusCode(403);
        alpaca().get("/v2/account").then().statusCode(200);
        assertThat(support.count("SELECT count(*) FROM paper_venue.paper_orders")).isZero();

        admin().delete("/admin/faults").then().statusCode(200).body("reject_all", equalTo(false));
        submit(market("AAPL", "1", "buy", "accepted-1")).statusCode(200).body("status", equalTo("filled"));
    }

    @Test
    void errorRateOneFailsEveryAlpacaRequestWithAnAlpacaServerError() {
        setFaults("{\"error_rate\":1.0,\"seed\":3}");
        for (int i = 0; i < 4; i++) {
            alpaca().get("/v2/account").then().statusCode(anyOf(equalTo(500), equalTo(503)))
                    .body("code", anyOf(equalTo(50010000), equalTo(50310000)));
        }
        submit(market("AAPL", "1", "buy", "failed-1")).statusCode(anyOf(equalTo(500), equalTo(503)));
        assertThat(support.count("SELECT count(*) FROM paper_venue.paper_orders")).isZero();

        admin().delete("/admin/faults").then().statusCode(200);
        alpaca().get("/v2/account").then().statusCode(200);
    }

    @Test
    void theSameSeedFailsTheSameRequests() {
        assertThat(statuses(21, 12)).isEqualTo(statuses(21, 12)).contains(200).containsAnyOf(500, 503);
    }

    @Test
    void latencyDelaysEveryAlpacaAnswer() {
        setFaults("{\"latency_ms\":400}");
        admin().get("/admin/faults").then().body("latency_ms", equalTo(400));
        long took = alpaca().get("/v2/account").then().statusCode(200).extract().time();
        assertThat(took).isGreaterThanOrEqualTo(400);
    }

    @Test
    void acceptThenTimeoutPersistsTheOrderButTheAnswerOutlivesTheClientTimeout() {
        setFaults("{\"accept_then_timeout_rate\":1}");
        HttpRequest request = HttpRequest.newBuilder(ordersUri).timeout(Duration.ofSeconds(1))
                .header("APCA-API-KEY-ID", "test-key").header("APCA-API-SECRET-KEY", "test-secret")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"symbol\":\"AAPL\",\"qty\":\"2\",\"side\":\"buy\","
                        + "\"type\":\"market\",\"time_in_force\":\"day\",\"client_order_id\":\"lost-answer\"}"))
                .build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(HttpTimeoutException.class);
        }
        admin().delete("/admin/faults").then().statusCode(200);
        alpaca().queryParam("client_order_id", "lost-answer").get("/v2/orders:by_client_order_id").then().statusCode(200)
                .body("status", equalTo("filled")).body("filled_qty", equalTo("2"));
    }

    @Test
    void invalidFaultSettingsAreRefusedWith400() {
        setFaultsExpecting("{\"error_rate\":2}", 400).body("code", equalTo("VALIDATION_FAILED"));
        setFaultsExpecting("{\"latency_ms\":-1}", 400);
        setFaultsExpecting("{\"latency_ms\":3600000}", 400);
        setFaultsExpecting("{not json", 400);
        admin().get("/admin/faults").then().statusCode(200).body("error_rate", equalTo(0))
                .body("latency_ms", equalTo(0));
    }

    private List<Integer> statuses(long seed, int requests) {
        setFaults("{\"error_rate\":0.5,\"seed\":" + seed + "}");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            statuses.add(alpaca().get("/v2/positions").then().extract().statusCode());
        }
        return statuses;
    }

    private io.restassured.response.ValidatableResponse setFaults(String body) {
        return setFaultsExpecting(body, 200);
    }

    private io.restassured.response.ValidatableResponse setFaultsExpecting(String body, int status) {
        return admin().contentType(ContentType.JSON).body(body).post("/admin/faults").then().statusCode(status);
    }

    private io.restassured.specification.RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + adminKey);
    }
}

package io.tripwire.gateway.venue;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.moreThanOrExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.tripwire.gateway.support.AlpacaStub;
import io.tripwire.gateway.support.Tradeable;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What each venue answer means for the order, through the real Alpaca client against a local stub:
 * a refusal is REJECTED and gives its reservation back, no answer or a 5xx is UNKNOWN and is never
 * resubmitted, and a refusal of a client order id the venue already has is not mistaken for a reject.
 */
@QuarkusTest
@TestProfile(VenueOutcomeTest.ShortSubmitTimeout.class)
@WithTestResource(AlpacaStub.class)
class VenueOutcomeTest {

    /**
     * One second to answer a submit; keys of its own, so that a paper venue started by another test class
     * and still publishing {@code md:last:*} cannot move this class's reference prices (price collar).
     */
    public static class ShortSubmitTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tripwire.venue.request-timeout", "1s", "tripwire.redis.prefix", "venue-outcome:");
        }
    }

    @Inject Tradeable tradeable;
    @Inject io.tripwire.controlplane.venue.Venue venue;
    private String key;

    @BeforeEach
    void tradeableStores() {
        tradeable.reset();
        AlpacaStub.stubDefaults();
        key = tradeable.key();
    }

    @Test
    void theOrderListingIsFollowedPageByPageToItsEndWithoutDuplicates() {
        String start = "2026-11-21T10:00:00Z";
        pageAfter(start, order("v1", "10:00:01"), order("v2", "10:00:02"));
        pageAfter("2026-11-21T10:00:01.999999Z", order("v2", "10:00:02"), order("v3", "10:00:03"));
        pageAfter("2026-11-21T10:00:02.999999Z", order("v3", "10:00:03"));

        var listed = venue.ordersSince(java.time.Instant.parse(start), 2).await().atMost(Duration.ofSeconds(10));

        assertThat(listed).extracting(io.tripwire.controlplane.venue.VenueOrder::venueOrderId).containsExactly("v1", "v2", "v3");
    }

    @Test
    void aListingThatDoesNotAdvanceStopsInsteadOfAskingForTheSamePageForever() {
        String start = "2026-11-21T10:00:00Z";
        pageAfter(start, order("v1", "09:00:00"), order("v2", "09:00:00"));

        var listed = venue.ordersSince(java.time.Instant.parse(start), 2).await().atMost(Duration.ofSeconds(10));

        assertThat(listed).hasSize(2);
        AlpacaStub.server().verify(1, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo("/v2/orders")));
    }

    private static void pageAfter(String after, String... orders) {
        AlpacaStub.server().stubFor(get(urlPathEqualTo("/v2/orders")).withQueryParam("after", equalTo(after))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("[" + String.join(",", orders) + "]")));
    }

    private static String order(String id, String submittedAt) {
        String at = "2026-11-21T" + submittedAt + "Z";
        return """
                {"id":"%s","client_order_id":"c-%s","symbol":"AAPL","side":"buy","type":"market","qty":"1",
                 "filled_qty":"1","filled_avg_price":"100","status":"filled","created_at":"%s","updated_at":"%s",
                 "submitted_at":"%s"}""".formatted(id, id, at, at, at);
    }

    @Test
    void theOrderReachesTheVenueInAlpacasWireFormatWithItsKeys() {
        String id = submit("wire-1", "limit").then().statusCode(201).extract().path("id");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> AlpacaStub.server().verify(1,
                postRequestedFor(urlPathEqualTo("/v2/orders"))
                        .withHeader("APCA-API-KEY-ID", equalTo("paper-key"))
                        .withHeader("APCA-API-SECRET-KEY", equalTo("paper-secret"))
                        .withRequestBody(equalToJson("{\"symbol\":\"AAPL\",\"qty\":\"2\",\"side\":\"buy\",\"type\":\"limit\","
                                + "\"time_in_force\":\"day\",\"limit_price\":\"101\",\"client_order_id\":\"wire-1\"}"))));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(status(id)).isEqualTo("ACCEPTED"));
    }

    @Test
    void aVenueRefusalRejectsTheOrderAndGivesTheReservationBack() {
        AlpacaStub.server().stubFor(post(urlPathEqualTo("/v2/orders")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withBody("{\"code\":40310000,\"message\":\"insufficient buying power\"}")));
        AlpacaStub.server().stubFor(get(urlPathEqualTo("/v2/orders:by_client_order_id")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"code\":40410000,\"message\":\"not found\"}")));

        String id = submit("refused-1", "market").then().statusCode(201).extract().path("id");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(status(id)).isEqualTo("REJECTED"));
        given().header("X-API-Key", key).get("/api/v1/orders/" + id).then()
                .body("reject_code", org.hamcrest.Matchers.equalTo("VENUE_REJECTED"));
        assertThat(wbuy("AAPL")).isEqualTo("0");
    }

    @Test
    void aRefusalForAClientOrderIdTheVenueAlreadyHasFollowsTheVenuesOrder() {
        AlpacaStub.server().stubFor(post(urlPathEqualTo("/v2/orders")).willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json").withBody("{\"code\":40010001,\"message\":\"client_order_id must be unique\"}")));

        String id = submit("known-1", "market").then().statusCode(201).extract().path("id");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(status(id)).isEqualTo("ACCEPTED"));
    }

    @Test
    void noAnswerInTimeLeavesTheOrderUnknownAndItIsNeverResubmitted() throws Exception {
        AlpacaStub.server().stubFor(post(urlPathEqualTo("/v2/orders")).willReturn(aResponse().withStatus(200)
                .withFixedDelay(3_000).withHeader("Content-Type", "application/json").withBody("{}")));

        String id = submit("slow-1", "market").then().statusCode(201).extract().path("id");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(status(id)).isEqualTo("UNKNOWN"));
        Thread.sleep(3_000); // several sweeper and poller rounds
        AlpacaStub.server().verify(1, postRequestedFor(urlPathEqualTo("/v2/orders")).withRequestBody(containing("slow-1")));
        assertThat(status(id)).isEqualTo("UNKNOWN");
        assertThat(wbuy("AAPL")).isEqualTo("200000000"); // still reserved: the order may exist at the venue
    }

    @Test
    void aVenueFailureIsUnknownNotRejected() {
        AlpacaStub.server().stubFor(post(urlPathEqualTo("/v2/orders")).willReturn(aResponse().withStatus(503)));

        String id = submit("five-oh-three", "market").then().statusCode(201).extract().path("id");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(status(id)).isEqualTo("UNKNOWN"));
    }

    @Test
    void anOrderJustAnsweredByItsSubmitIsNotPolledSoThePollAsksTheVenueNothing() throws Exception {
        String id = submit("poll-fresh", "limit").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(status(id)).isEqualTo("ACCEPTED"));

        Thread.sleep(1_200); // at least one poll (every second) while the order is fresher than poll-quiet (2 s)

        AlpacaStub.server().verify(0, getRequestedFor(urlPathEqualTo("/v2/orders")));
        AlpacaStub.server().verify(0, getRequestedFor(urlPathEqualTo("/v2/orders:by_client_order_id")));
    }

    @Test
    void aWorkingOrderNoLongerOpenAtTheVenueIsLookedUpAndMovedForward() {
        String id = submit("poll-ended", "limit").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(status(id)).isEqualTo("ACCEPTED"));
        AlpacaStub.server().stubFor(get(urlPathEqualTo("/v2/orders:by_client_order_id"))
                .withQueryParam("client_order_id", equalTo("poll-ended")).willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json").withBody("""
                                {"id":"v-ended","client_order_id":"poll-ended","symbol":"AAPL","side":"buy","type":"limit",
                                 "qty":"2","filled_qty":"2","filled_avg_price":"100.5","status":"filled",
                                 "created_at":"2026-11-21T10:00:00Z","updated_at":"2026-11-21T10:00:05Z"}""")));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(status(id)).isEqualTo("FILLED"));
        assertThat(wbuy("AAPL")).isEqualTo("0");
    }

    @Test
    void anOrderStillOpenAtTheVenueIsWrittenOnlyWhenTheVenueReportsSomethingNew() throws Exception {
        String id = submit("poll-open", "limit").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(status(id)).isEqualTo("ACCEPTED"));
        listOpen("accepted", "0");
        String updatedAt = order(id).path("updated_at");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> AlpacaStub.server().verify(
                moreThanOrExactly(2), getRequestedFor(urlPathEqualTo("/v2/orders")).withQueryParam("status", equalTo("open"))));
        assertThat(order(id).<String>path("updated_at")).as("nothing new: no write").isEqualTo(updatedAt);
        AlpacaStub.server().verify(0, getRequestedFor(urlPathEqualTo("/v2/orders:by_client_order_id")));

        listOpen("partially_filled", "1");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(status(id)).isEqualTo("PARTIALLY_FILLED"));
        assertThat(new java.math.BigDecimal(order(id).path("filled_qty").toString())).isEqualByComparingTo("1");
    }

    private static void listOpen(String status, String filled) {
        AlpacaStub.server().stubFor(get(urlPathEqualTo("/v2/orders")).withQueryParam("status", equalTo("open"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                        [{"id":"v-open","client_order_id":"poll-open","symbol":"AAPL","side":"buy","type":"limit",
                          "qty":"2","filled_qty":"%s","filled_avg_price":"100","status":"%s",
                          "created_at":"2026-11-21T10:00:00Z","updated_at":"2026-11-21T10:00:01Z"}]""".formatted(filled, status))));
    }

    private io.restassured.response.ExtractableResponse<io.restassured.response.Response> order(String id) {
        return given().header("X-API-Key", key).get("/api/v1/orders/" + id).then().statusCode(200).extract();
    }

    private io.restassured.response.Response submit(String clientOrderId, String type) {
        Map<String, String> body = type.equals("limit")
                ? Map.of("symbol", "AAPL", "side", "buy", "qty", "2", "type", "limit", "limit_price", "101",
                "client_order_id", clientOrderId)
                : Map.of("symbol", "AAPL", "side", "buy", "qty", "2", "type", "market", "client_order_id", clientOrderId);
        return given().header("X-API-Key", key).contentType(ContentType.JSON).body(body).post("/api/v1/orders");
    }

    private String status(String id) {
        return given().header("X-API-Key", key).get("/api/v1/orders/" + id).then().extract().path("status");
    }

    private String wbuy(String symbol) {
        return tradeable.redis().hash(String.class).hget(tradeable.keys().exposure(symbol), "wbuy")
                .await().atMost(Duration.ofSeconds(5));
    }
}

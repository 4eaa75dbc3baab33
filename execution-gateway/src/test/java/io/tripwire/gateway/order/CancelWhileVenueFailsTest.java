package io.tripwire.gateway.order;

import static io.tripwire.gateway.support.GatewayTestSupport.as;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tripwire.gateway.support.GatewayTestSupport;
import io.tripwire.gateway.support.Orders;
import io.tripwire.gateway.support.PaperVenue;
import io.tripwire.gateway.support.PaperVenueResource;
import jakarta.inject.Inject;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A cancel the venue cannot take answers 503 with the reject body, and the order stays working: nothing is lost or faked. */
@QuarkusTest
@WithTestResource(PaperVenueResource.class)
class CancelWhileVenueFailsTest {

    @Inject GatewayTestSupport support;
    String admin;

    @BeforeEach
    void tradeable() {
        admin = support.tradeable();
    }

    @Test
    void aCancelTheVenueFailsToAnswerIs503VenueUnavailableAndTheOrderStaysOpen() {
        String id = restingBuy();
        PaperVenue.faults(admin, Map.of("error_rate", 1));
        try {
            as(admin).delete("/api/v1/orders/" + id).then().statusCode(503)
                    .body("code", equalTo("VENUE_UNAVAILABLE")).body("details.kind", equalTo("OUTCOME_UNKNOWN"));
            as(admin).delete("/api/v1/orders").then().statusCode(503).body("code", equalTo("VENUE_UNAVAILABLE"));
        } finally {
            PaperVenue.clearFaults(admin);
        }
        as(admin).get("/api/v1/orders/" + id).then().body("status", equalTo("ACCEPTED"));

        as(admin).delete("/api/v1/orders/" + id).then().statusCode(200).body("status", equalTo("CANCELED"));
    }

    private String restingBuy() {
        String id = Orders.limit(admin, "AAPL", "BUY", "1", support.priceAway("AAPL", 400)).then().statusCode(201)
                .extract().path("id");
        Awaitility.await().atMost(GatewayTestSupport.WAIT).untilAsserted(() ->
                as(admin).get("/api/v1/orders/" + id).then().body("status", equalTo("ACCEPTED")));
        return id;
    }
}

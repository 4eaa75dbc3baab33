package io.tripwire.gateway.status;

import static io.tripwire.gateway.support.GatewayTestSupport.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tripwire.controlplane.auth.ApiKeyScope;
import io.tripwire.gateway.support.GatewayTestSupport;
import io.tripwire.gateway.support.Orders;
import io.tripwire.gateway.support.PaperVenue;
import io.tripwire.gateway.support.PaperVenueResource;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PaperVenueResource.class)
class StatusTest {

    @Inject GatewayTestSupport support;
    String admin;

    @BeforeEach
    void tradeable() {
        admin = support.tradeable();
    }

    @Test
    void statusShowsPositionsOpenOrdersPnlAndTheControlState() {
        String working = positionAndWorkingOrder();
        as(admin).body(Map.of("reason", "status test trips the breaker", "acknowledged", true))
                .post("/api/v1/circuit-breaker/trip").then().statusCode(200);

        as(support.key(ApiKeyScope.ORDERS_READ)).get("/api/v1/status").then().statusCode(200)
                .body("trading_mode", equalTo("paper"))
                .body("breaker.state", equalTo("TRIPPED")).body("breaker.trip_reason", equalTo("MANUAL"))
                .body("kill_switch.active", equalTo(false))
                .body("reconciliation.state", equalTo("READY"))
                .body("pnl.daily_pnl", notNullValue()).body("pnl.unrealized_pnl", notNullValue())
                .body("positions", hasSize(1)).body("positions[0].symbol", equalTo("AAPL")).body("positions[0].qty", equalTo(2))
                .body("open_orders", hasSize(1)).body("open_orders[0].id", equalTo(working))
                .body("errors.size()", equalTo(0));
    }

    @Test
    void statusAsTextIsAFixedWidthTableForTerminals() {
        positionAndWorkingOrder();

        String table = as(admin).accept("text/plain").get("/api/v1/status").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/plain")).extract().asString();

        assertThat(table).contains("TRIPWIRE STATUS", "Circuit breaker  OPEN", "Kill switch      inactive",
                "Reconciliation   READY", "POSITIONS", "OPEN ORDERS", "P&L              daily ");
        assertThat(table.lines().filter(l -> l.startsWith("AAPL ")).findFirst()).hasValueSatisfying(row ->
                assertThat(row).matches("AAPL\\s+2\\s+\\d+\\.\\d{2}\\s+\\d+\\.\\d{2}\\s+-?\\d+\\.\\d{2}"));
        assertThat(table).containsPattern("(?m)^\\S+\\s+AAPL\\s+BUY\\s+LIMIT\\s+1\\s+0\\s+\\d+\\.\\d{2}\\s+ACCEPTED");
    }

    @Test
    void statusStillAnswersWhenTheVenueIsDownAndSaysWhatIsMissing() {
        PaperVenue.faults(admin, Map.of("error_rate", 1));
        try {
            as(admin).get("/api/v1/status").then().statusCode(200).body("breaker.state", equalTo("OPEN"))
                    .body("errors.positions", notNullValue()).body("errors.pnl", notNullValue());
            as(admin).get("/api/v1/positions").then().statusCode(503).body("code", equalTo("VENUE_UNAVAILABLE"));
        } finally {
            PaperVenue.clearFaults(admin);
        }
    }

    @Test
    void positionsAreTheVenuesAndNeedOrdersRead() {
        positionAndWorkingOrder();
        as(admin).get("/api/v1/positions").then().statusCode(200).body("", hasSize(1)).body("[0].symbol", equalTo("AAPL"));
        as(support.key(ApiKeyScope.ORDERS_WRITE)).get("/api/v1/positions").then().statusCode(403);
        as(support.key(ApiKeyScope.ORDERS_WRITE)).get("/api/v1/status").then().statusCode(403);
    }

    /** A long of 2 AAPL and one resting buy limit; returns the working order's id. */
    private String positionAndWorkingOrder() {
        Orders.market(admin, "AAPL", "BUY", "2").then().statusCode(201);
        Awaitility.await().atMost(GatewayTestSupport.WAIT).until(() ->
                new BigDecimal("2").compareTo(PaperVenue.positions().getOrDefault("AAPL", BigDecimal.ZERO)) == 0);
        String id = Orders.limit(admin, "AAPL", "BUY", "1", support.priceAway("AAPL", 400)).then().statusCode(201)
                .extract().path("id");
        Awaitility.await().atMost(GatewayTestSupport.WAIT).untilAsserted(() ->
                as(admin).get("/api/v1/orders/" + id).then().body("status", equalTo("ACCEPTED")));
        return id;
    }
}

package io.tripwire.papervenue.order;

import static io.tripwire.papervenue.AlpacaOrders.limit;
import static io.tripwire.papervenue.AlpacaOrders.market;
import static io.tripwire.papervenue.AlpacaOrders.submit;
import static io.tripwire.papervenue.VenueTestSupport.alpaca;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.tripwire.papervenue.VenueTestSupport;
import io.tripwire.papervenue.market.MarketSimulator;
import io.tripwire.papervenue.market.Quote;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OrderCancellationTest {

    @Inject
    VenueTestSupport support;
    @Inject
    MarketSimulator market;

    @BeforeEach
    void cleanState() {
        support.reset();
    }

    @Test
    void cancelingAnOpenOrderAnswers204AndOnlyOnce() {
        String id = submit(limit("AAPL", "1", "buy", "100", "gtc", "cancel-1")).statusCode(200).extract().path("id");
        alpaca().delete("/v2/orders/" + id).then().statusCode(204);
        alpaca().get("/v2/orders/" + id).then().body("status", equalTo("canceled")).body("canceled_at", notNullValue());
        alpaca().delete("/v2/orders/" + id).then().statusCode(422).body("code", equalTo(42210000));
        alpaca().delete("/v2/orders/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void aFilledOrderIsNotCancelable() {
        String id = submit(market("AAPL", "1", "buy", null)).statusCode(200).extract().path("id");
        alpaca().delete("/v2/orders/" + id).then().statusCode(422).body("code", equalTo(42210000));
        alpaca().get("/v2/orders/" + id).then().body("status", equalTo("filled"));
    }

    @Test
    void cancelAllAnswers207WithOneResultPerOpenOrder() {
        String a = submit(limit("AAPL", "1", "buy", "100", "gtc", "all-1")).statusCode(200).extract().path("id");
        String b = submit(limit("MSFT", "1", "sell", "900", "day", "all-2")).statusCode(200).extract().path("id");
        submit(market("SPY", "1", "buy", "all-3")).statusCode(200);

        alpaca().delete("/v2/orders").then().statusCode(207).body("$", hasSize(2))
                .body("find { it.id == '" + a + "' }.status", equalTo(200))
                .body("find { it.id == '" + b + "' }.body.status", equalTo("canceled"));
        alpaca().get("/v2/orders").then().statusCode(200).body("$", hasSize(0));
        alpaca().queryParam("client_order_id", "all-3").get("/v2/orders:by_client_order_id").then()
                .body("status", equalTo("filled"));
    }

    @Test
    void aCanceledLimitOrderNeverFillsWhenThePriceLaterReachesIt() {
        List<Quote> future = market.preview("AAPL", 120);
        BigDecimal lowestAsk = future.stream().map(Quote::ask).min(BigDecimal::compareTo).orElseThrow();
        assertThat(lowestAsk).as("the seeded path dips below today's ask")
                .isLessThan(market.quote("AAPL").orElseThrow().ask());
        String id = submit(limit("AAPL", "1", "buy", lowestAsk.toPlainString(), "gtc", "cancel-then-cross")).statusCode(200)
                .body("status", equalTo("new")).extract().path("id");
        alpaca().delete("/v2/orders/" + id).then().statusCode(204);

        support.tick(future.size());
        alpaca().get("/v2/orders/" + id).then().body("status", equalTo("canceled")).body("filled_qty", equalTo("0"));
        alpaca().get("/v2/positions/AAPL").then().statusCode(404);
    }
}

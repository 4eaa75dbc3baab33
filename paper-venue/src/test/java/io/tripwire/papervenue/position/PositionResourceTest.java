package io.tripwire.papervenue.position;

import static io.tripwire.papervenue.AlpacaOrders.limit;
import static io.tripwire.papervenue.AlpacaOrders.market;
import static io.tripwire.papervenue.AlpacaOrders.submit;
import static io.tripwire.papervenue.VenueTestSupport.alpaca;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.tripwire.papervenue.VenueTestSupport;
import io.tripwire.papervenue.market.MarketSimulator;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PositionResourceTest {

    @Inject
    VenueTestSupport support;
    @Inject
    MarketSimulator market;

    @BeforeEach
    void cleanState() {
        support.reset();
    }

    @Test
    void buysAverageTheEntryAndAPartialSellRealizesPnlAgainstIt() {
        BigDecimal first = fillPrice(submit(market("AAPL", "10", "buy", "pnl-1")).statusCode(200).extract().path("filled_avg_price"));
        support.tick(3);
        BigDecimal second = fillPrice(submit(market("AAPL", "10", "buy", "pnl-2")).statusCode(200).extract().path("filled_avg_price"));
        BigDecimal average = first.add(second).divide(BigDecimal.TWO, 8, RoundingMode.HALF_EVEN);
        support.tick(2);

        BigDecimal last = market.quote("AAPL").orElseThrow().last();
        JsonPath position = alpaca().get("/v2/positions/AAPL").then().statusCode(200).extract().jsonPath();
        assertThat(position.getString("side")).isEqualTo("long");
        assertThat(new BigDecimal(position.getString("qty"))).isEqualByComparingTo("20");
        assertThat(new BigDecimal(position.getString("avg_entry_price"))).isEqualByComparingTo(average);
        assertThat(new BigDecimal(position.getString("current_price"))).isEqualByComparingTo(last);
        assertThat(new BigDecimal(position.getString("unrealized_pl")))
                .isEqualByComparingTo(last.subtract(average).multiply(new BigDecimal("20")).setScale(8, RoundingMode.HALF_EVEN));
        assertThat(new BigDecimal(position.getString("market_value"))).isEqualByComparingTo(last.multiply(new BigDecimal("20")));

        BigDecimal sold = fillPrice(submit(market("AAPL", "5", "sell", "pnl-3")).statusCode(200).extract().path("filled_avg_price"));
        BigDecimal realized = support.one("SELECT pnl FROM paper_venue.paper_orders WHERE client_order_id = 'pnl-3'").getBigDecimal(0);
        assertThat(realized).isEqualByComparingTo(sold.subtract(average).multiply(new BigDecimal("5")).setScale(8, RoundingMode.HALF_EVEN));
        alpaca().get("/v2/positions/AAPL").then().body("qty", equalTo("15"))
                .body("avg_entry_price", equalTo(average.stripTrailingZeros().toPlainString()));
        assertThat(support.one("SELECT realized_pnl FROM paper_venue.positions WHERE symbol = 'AAPL'").getBigDecimal(0))
                .isEqualByComparingTo(realized);
    }

    @Test
    void aShortShowsNegativeQuantityAndValue() {
        submit(market("MSFT", "4", "sell", null)).statusCode(200);
        JsonPath position = alpaca().get("/v2/positions/MSFT").then().statusCode(200).extract().jsonPath();
        assertThat(position.getString("side")).isEqualTo("short");
        assertThat(position.getString("qty")).isEqualTo("-4");
        assertThat(new BigDecimal(position.getString("market_value"))).isNegative();
    }

    @Test
    void closingAPositionSendsAnOppositeMarketOrderAndLeavesItFlat() {
        submit(market("AAPL", "7", "buy", null)).statusCode(200);
        String closeId = alpaca().delete("/v2/positions/AAPL").then().statusCode(200)
                .body("side", equalTo("sell")).body("qty", equalTo("7")).body("type", equalTo("market"))
                .body("status", equalTo("filled")).extract().path("id");
        alpaca().get("/v2/positions/AAPL").then().statusCode(404).body("code", equalTo(40410000));
        alpaca().get("/v2/positions").then().body("$", hasSize(0));
        // Bought at the ask plus slippage, sold at the bid minus slippage, at the same quote: a loss.
        assertThat(support.one("SELECT pnl FROM paper_venue.paper_orders WHERE id = $1",
                java.util.UUID.fromString(closeId)).getBigDecimal(0)).isNegative();
    }

    @Test
    void closeAllAnswers207AndLeavesEveryPositionFlatAndNoOrderOpen() {
        submit(market("AAPL", "3", "buy", null)).statusCode(200);
        submit(market("MSFT", "2", "sell", null)).statusCode(200);
        submit(limit("SPY", "1", "buy", "1", "gtc", "resting")).statusCode(200);

        alpaca().queryParam("cancel_orders", "true").delete("/v2/positions").then().statusCode(207)
                .body("$", hasSize(2))
                .body("find { it.symbol == 'AAPL' }.status", equalTo(200))
                .body("find { it.symbol == 'AAPL' }.body.side", equalTo("sell"))
                .body("find { it.symbol == 'MSFT' }.body.side", equalTo("buy"))
                .body("find { it.symbol == 'MSFT' }.body.qty", equalTo("2"));
        alpaca().get("/v2/positions").then().statusCode(200).body("$", hasSize(0));
        alpaca().get("/v2/orders").then().body("$", hasSize(0));
        assertThat(support.count("SELECT count(*) FROM paper_venue.positions WHERE qty <> 0")).isZero();
    }

    @Test
    void closingAFlatOrUnknownPositionIs404() {
        alpaca().delete("/v2/positions/AAPL").then().statusCode(404).body("code", equalTo(40410000));
        alpaca().get("/v2/positions/NOPE").then().statusCode(404);
        alpaca().delete("/v2/positions").then().statusCode(207).body("$", hasSize(0));
    }

    @Test
    void aBadCancelOrdersFlagIsRefusedWith422() {
        alpaca().queryParam("cancel_orders", "maybe").delete("/v2/positions").then().statusCode(422)
                .body("code", equalTo(40010001));
    }

    private static BigDecimal fillPrice(String raw) {
        return new BigDecimal(raw);
    }
}

package io.tripwire.papervenue.account;

import static io.tripwire.papervenue.AlpacaOrders.limit;
import static io.tripwire.papervenue.AlpacaOrders.market;
import static io.tripwire.papervenue.AlpacaOrders.submit;
import static io.tripwire.papervenue.VenueTestSupport.alpaca;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tripwire.papervenue.TestClock;
import io.tripwire.papervenue.VenueTestSupport;
import io.tripwire.papervenue.market.MarketSimulator;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AccountResourceTest {

    @Inject
    VenueTestSupport support;
    @Inject
    MarketSimulator market;
    @Inject
    TestClock clock;

    @BeforeEach
    void cleanState() {
        support.reset();
    }

    @Test
    void aFreshAccountHasTheStartingCashAsEquityAndBuyingPower() {
        alpaca().get("/v2/account").then().statusCode(200)
                .body("cash", equalTo("1000000")).body("equity", equalTo("1000000"))
                .body("buying_power", equalTo("1000000")).body("currency", equalTo("USD"))
                .body("status", equalTo("ACTIVE")).body("multiplier", equalTo("1"))
                .body("pattern_day_trader", equalTo(false));
    }

    @Test
    void equityIsCashPlusPositionsAtTheLastPrice() {
        BigDecimal fill = new BigDecimal(submit(market("AAPL", "10", "buy", null)).statusCode(200)
                .extract().<String>path("filled_avg_price"));
        support.tick(2);
        BigDecimal last = market.quote("AAPL").orElseThrow().last();
        BigDecimal cash = new BigDecimal("1000000").subtract(fill.multiply(BigDecimal.TEN));

        JsonPath account = alpaca().get("/v2/account").then().statusCode(200).extract().jsonPath();
        assertThat(new BigDecimal(account.getString("cash"))).isEqualByComparingTo(cash);
        assertThat(new BigDecimal(account.getString("long_market_value"))).isEqualByComparingTo(last.multiply(BigDecimal.TEN));
        assertThat(new BigDecimal(account.getString("equity"))).isEqualByComparingTo(cash.add(last.multiply(BigDecimal.TEN)));
        assertThat(new BigDecimal(account.getString("buying_power"))).isEqualByComparingTo(cash);
    }

    @Test
    void aBuyDuringTheDayCountsOnlyThePriceMoveSinceItsPurchaseInTheDailyPnl() {
        support.tick(5); // the price moves away from the day's open before the buy
        BigDecimal fill = new BigDecimal(submit(market("AAPL", "10", "buy", null)).statusCode(200)
                .extract().<String>path("filled_avg_price"));
        assertThat(fill).as("bought away from the open").isNotEqualByComparingTo(market.dayOpen("AAPL").orElseThrow());
        support.tick(5);
        BigDecimal last = market.quote("AAPL").orElseThrow().last();

        JsonPath account = alpaca().get("/v2/account").then().statusCode(200).extract().jsonPath();
        BigDecimal equity = new BigDecimal(account.getString("equity"));
        BigDecimal lastEquity = new BigDecimal(account.getString("last_equity"));

        assertThat(lastEquity).as("nothing was held at the previous close").isEqualByComparingTo("1000000");
        assertThat(equity.subtract(lastEquity)).as("daily P&L").isEqualByComparingTo(last.subtract(fill).multiply(BigDecimal.TEN));
    }

    @Test
    void theBaselineIsPersistedInPostgresAndSurvivesARestoreOfTheMarket() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        assertThat(support.execute("UPDATE paper_venue.account SET last_equity = 987654.32, last_equity_day = $1", today))
                .isEqualTo(1);
        market.restore().await().atMost(VenueTestSupport.WAIT);

        alpaca().get("/v2/account").then().statusCode(200).body("last_equity", equalTo("987654.32"));
    }

    @Test
    void theDayBoundaryRollsTheBaselineToThePreviousCloseAndTheFirstBookingPersistsIt() {
        BigDecimal fill = new BigDecimal(submit(market("AAPL", "10", "buy", null)).statusCode(200)
                .extract().<String>path("filled_avg_price"));
        support.tick(3);
        BigDecimal close = market.quote("AAPL").orElseThrow().last();
        BigDecimal cash = new BigDecimal("1000000").subtract(fill.multiply(BigDecimal.TEN));
        BigDecimal equityAtClose = cash.add(close.multiply(BigDecimal.TEN));

        clock.advance(Duration.ofDays(1));
        JsonPath atBoundary = alpaca().get("/v2/account").then().statusCode(200).extract().jsonPath();
        assertThat(new BigDecimal(atBoundary.getString("last_equity"))).isEqualByComparingTo(equityAtClose);
        assertThat(new BigDecimal(atBoundary.getString("equity"))).as("no price move yet: daily P&L 0")
                .isEqualByComparingTo(equityAtClose);
        support.tick(3);
        submit(market("MSFT", "1", "buy", null)).statusCode(200);

        LocalDate newDay = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        var row = support.one("SELECT last_equity, last_equity_day FROM paper_venue.account");
        assertThat(row.getLocalDate("last_equity_day")).isEqualTo(newDay);
        assertThat(row.getBigDecimal("last_equity")).isEqualByComparingTo(equityAtClose);
        assertThat(new BigDecimal(alpaca().get("/v2/account").then().extract().<String>path("last_equity")))
                .isEqualByComparingTo(equityAtClose);
    }

    @Test
    void restingBuyLimitsHoldBackBuyingPower() {
        submit(limit("AAPL", "10", "buy", "100", "gtc", null)).statusCode(200);
        alpaca().get("/v2/account").then().body("cash", equalTo("1000000")).body("buying_power", equalTo("999000"));
    }

    @Test
    void accountAndOrdersAreReadFromPostgresNotFromMemory() {
        String id = submit(limit("AAPL", "1", "buy", "100", "gtc", "pg-truth")).statusCode(200).extract().path("id");
        // Change the truth behind the venue's back: every answer must follow PostgreSQL.
        assertThat(support.execute("UPDATE paper_venue.account SET cash = 1234.5")).isEqualTo(1);
        assertThat(support.execute("UPDATE paper_venue.paper_orders SET status = 'canceled', canceled_at = now() WHERE id = $1",
                UUID.fromString(id))).isEqualTo(1);

        alpaca().get("/v2/account").then().body("cash", equalTo("1234.5"));
        alpaca().get("/v2/orders/" + id).then().body("status", equalTo("canceled"));
        alpaca().get("/v2/orders").then().body("size()", equalTo(0));
    }
}

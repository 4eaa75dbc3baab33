package io.tripwire.papervenue.order;

import static io.tripwire.papervenue.AlpacaOrders.limit;
import static io.tripwire.papervenue.AlpacaOrders.market;
import static io.tripwire.papervenue.AlpacaOrders.submit;
import static io.tripwire.papervenue.VenueTestSupport.alpaca;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.tripwire.papervenue.TestClock;
import io.tripwire.papervenue.VenueTestSupport;
import io.tripwire.papervenue.market.MarketSimulator;
import io.tripwire.papervenue.market.Quote;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OrderResourceTest {

    private static final BigDecimal CAP = new BigDecimal("0.01");

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
    void marketBuyFillsAtOnceAboveTheAskWithinTheSlippageCap() {
        Quote quote = market.quote("AAPL").orElseThrow();
        String price = submit(market("AAPL", "10", "buy", "mkt-buy")).statusCode(200)
                .body("status", equalTo("filled")).body("filled_qty", equalTo("10")).body("qty", equalTo("10"))
                .body("side", equalTo("buy")).body("type", equalTo("market")).body("filled_at", notNullValue())
                .extract().path("filled_avg_price");
        BigDecimal fill = new BigDecimal(price);
        assertThat(fill).isGreaterThan(quote.ask()).isLessThanOrEqualTo(quote.ask().multiply(BigDecimal.ONE.add(CAP)));

        Row row = support.one("SELECT * FROM paper_venue.paper_orders WHERE client_order_id = $1", "mkt-buy");
        assertThat(row.getString("side")).isEqualTo("BUY");
        assertThat(row.getString("order_type")).isEqualTo("MARKET");
        assertThat(row.getBigDecimal("requested_price")).isEqualByComparingTo(quote.ask());
        assertThat(row.getBigDecimal("slippage")).isEqualByComparingTo(fill.subtract(quote.ask()));
        assertThat(row.getBigDecimal("slippage_bps")).isBetween(new BigDecimal("5"), new BigDecimal("100"));
        assertThat(row.getBigDecimal("pnl")).isZero();
        assertThat(support.one("SELECT cash FROM paper_venue.account").getBigDecimal(0))
                .isEqualByComparingTo(new BigDecimal("1000000").subtract(fill.multiply(BigDecimal.TEN)));
    }

    @Test
    void aVeryLargeOrderPaysExactlyTheCappedSlippage() {
        Quote quote = market.quote("AAPL").orElseThrow();
        String price = submit(market("AAPL", "5000", "buy", "big")).statusCode(200).extract().path("filled_avg_price");
        assertThat(support.one("SELECT slippage_bps FROM paper_venue.paper_orders WHERE client_order_id = 'big'")
                .getBigDecimal(0)).isEqualByComparingTo("100");
        assertThat(new BigDecimal(price)).isLessThanOrEqualTo(quote.ask().multiply(BigDecimal.ONE.add(CAP)));
    }

    @Test
    void marketSellFillsBelowTheBid() {
        Quote quote = market.quote("MSFT").orElseThrow();
        String price = submit(market("MSFT", "3", "sell", null)).statusCode(200)
                .body("status", equalTo("filled")).extract().path("filled_avg_price");
        assertThat(new BigDecimal(price)).isLessThan(quote.bid())
                .isGreaterThanOrEqualTo(quote.bid().multiply(BigDecimal.ONE.subtract(CAP)));
    }

    @Test
    void notionalMarketOrderBuysWhatTheNotionalPaysFor() {
        var response = submit(Map.of("symbol", "BTCUSD", "notional", "1000", "side", "buy", "type", "market",
                "time_in_force", "day")).statusCode(200).body("qty", nullValue()).body("notional", equalTo("1000"))
                .extract();
        BigDecimal spent = new BigDecimal(response.<String>path("filled_qty"))
                .multiply(new BigDecimal(response.<String>path("filled_avg_price")));
        assertThat(spent).isLessThanOrEqualTo(new BigDecimal("1000")).isGreaterThan(new BigDecimal("999.9"));
    }

    @Test
    void limitBuyRestsUntilTheAskReachesItThenFillsAtTheLimitOrBetter() {
        Quote now = market.quote("AAPL").orElseThrow();
        List<Quote> future = market.preview("AAPL", 120);
        int first = firstIndexOfLowestAsk(future);
        BigDecimal limit = future.get(first).ask();
        assertThat(limit).as("the seeded path dips below today's ask").isLessThan(now.ask());

        String id = submit(limit("AAPL", "4", "buy", limit.toPlainString(), "gtc", "rest-1")).statusCode(200)
                .body("status", equalTo("new")).body("filled_qty", equalTo("0")).extract().path("id");
        support.tick(first);
        alpaca().get("/v2/orders/" + id).then().statusCode(200).body("status", equalTo("new"));

        support.tick(1);
        String price = alpaca().get("/v2/orders/" + id).then().statusCode(200).body("status", equalTo("filled"))
                .body("filled_qty", equalTo("4")).extract().path("filled_avg_price");
        assertThat(new BigDecimal(price)).isLessThanOrEqualTo(limit);
        alpaca().get("/v2/positions/AAPL").then().statusCode(200).body("qty", equalTo("4"));
    }

    @Test
    void iocLimitThatCannotTradeNowIsCanceledAtOnce() {
        BigDecimal farBelow = market.quote("AAPL").orElseThrow().ask().subtract(BigDecimal.TEN);
        submit(limit("AAPL", "1", "buy", farBelow.toPlainString(), "ioc", "ioc-1")).statusCode(200)
                .body("status", equalTo("canceled")).body("canceled_at", notNullValue());
        support.tick(5);
        alpaca().queryParam("client_order_id", "ioc-1").get("/v2/orders:by_client_order_id").then()
                .body("status", equalTo("canceled"));
    }

    @Test
    void dayOrdersExpireOnTheFirstTickOfTheNextUtcDayWhileGtcOrdersRest() {
        String day = submit(limit("AAPL", "1", "buy", "100", "day", "day-1")).statusCode(200).extract().path("id");
        String gtc = submit(limit("AAPL", "1", "buy", "100", "gtc", "gtc-1")).statusCode(200).extract().path("id");
        support.tick(1);
        alpaca().get("/v2/orders/" + day).then().body("status", equalTo("new"));

        clock.advance(Duration.ofDays(1));
        support.tick(1);
        alpaca().get("/v2/orders/" + day).then().body("status", equalTo("expired")).body("expired_at", notNullValue());
        alpaca().get("/v2/orders/" + gtc).then().body("status", equalTo("new"));
    }

    @Test
    void duplicateClientOrderIdIsRefusedWith422AndTheFirstOrderIsKept() {
        submit(limit("AAPL", "2", "buy", "100", "gtc", "dup-1")).statusCode(200);
        submit(market("AAPL", "7", "buy", "dup-1")).statusCode(422)
                .body("code", equalTo(40010001)).body("message", equalTo("client_order_id must be unique"));
        alpaca().queryParam("client_order_id", "dup-1").get("/v2/orders:by_client_order_id").then().statusCode(200)
                .body("qty", equalTo("2")).body("type", equalTo("limit"));
        assertThat(support.count("SELECT count(*) FROM paper_venue.paper_orders")).isEqualTo(1);
    }

    @Test
    void orderIsFoundByIdAndByClientOrderIdWithTheColonLiteralOrEncoded() {
        String id = submit(limit("MSFT", "1", "buy", "100", "gtc", "find-me")).statusCode(200).extract().path("id");
        alpaca().get("/v2/orders/" + id).then().statusCode(200).body("client_order_id", equalTo("find-me"));
        alpaca().queryParam("client_order_id", "find-me").get("/v2/orders:by_client_order_id").then().statusCode(200)
                .body("id", equalTo(id)).body("symbol", equalTo("MSFT")).body("limit_price", equalTo("100"));
        // As Alpaca's SDKs send it: a literal colon (RestAssured above percent-encodes it).
        alpaca().urlEncodingEnabled(false).get("/v2/orders:by_client_order_id?client_order_id=find-me").then()
                .statusCode(200).body("id", equalTo(id));
    }

    @Test
    void unknownOrdersAre404AndMalformedIdsAre422() {
        alpaca().queryParam("client_order_id", "never-sent").get("/v2/orders:by_client_order_id").then().statusCode(404)
                .body("code", equalTo(40410000));
        alpaca().get("/v2/orders/" + UUID.randomUUID()).then().statusCode(404).body("code", equalTo(40410000));
        alpaca().get("/v2/orders/not-a-uuid").then().statusCode(422);
        alpaca().get("/v2/orders:by_client_order_id").then().statusCode(422);
    }

    @Test
    void listFiltersByStatusLimitAndDirection() {
        submit(market("AAPL", "1", "buy", "list-1")).statusCode(200);
        submit(limit("AAPL", "1", "buy", "100", "gtc", "list-2")).statusCode(200);
        submit(limit("MSFT", "1", "buy", "100", "gtc", "list-3")).statusCode(200);

        alpaca().get("/v2/orders").then().statusCode(200).body("$", hasSize(2))
                .body("[0].client_order_id", equalTo("list-3"));
        alpaca().queryParam("status", "closed").get("/v2/orders").then().body("$", hasSize(1))
                .body("[0].client_order_id", equalTo("list-1"));
        alpaca().queryParam("status", "all").queryParam("limit", "2").queryParam("direction", "asc").get("/v2/orders")
                .then().body("client_order_id", equalTo(List.of("list-1", "list-2")));
        alpaca().queryParam("status", "all").queryParam("symbols", "MSFT").get("/v2/orders").then()
                .body("client_order_id", equalTo(List.of("list-3")));
        alpaca().queryParam("status", "sideways").get("/v2/orders").then().statusCode(422);
    }

    @Test
    void buyBeyondBuyingPowerIsRefusedWith403AndNothingIsBooked() {
        submit(market("AAPL", "6000", "buy", "too-big")).statusCode(403).body("code", equalTo(40310000));
        assertThat(support.count("SELECT count(*) FROM paper_venue.paper_orders")).isZero();
        assertThat(support.one("SELECT cash FROM paper_venue.account").getBigDecimal(0)).isEqualByComparingTo("1000000");
    }

    private static int firstIndexOfLowestAsk(List<Quote> quotes) {
        int best = 0;
        for (int i = 1; i < quotes.size(); i++) {
            if (quotes.get(i).ask().compareTo(quotes.get(best).ask()) < 0) {
                best = i;
            }
        }
        return best;
    }
}

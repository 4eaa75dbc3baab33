package io.tripwire.papervenue.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.junit.QuarkusTest;
import io.tripwire.controlplane.keys.RedisKeys;
import io.tripwire.papervenue.VenueTestSupport;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MarketDataTest {

    private static final List<String> UNIVERSE = List.of("AAPL", "MSFT", "SPY", "BTCUSD", "ETHUSD");

    @Inject
    VenueTestSupport support;
    @Inject
    MarketSimulator market;
    @Inject
    RedisDataSource redis;
    @Inject
    RedisKeys keys;

    @BeforeEach
    void cleanState() {
        support.reset();
    }

    @Test
    void everyTickWritesMdLastWithTheQuoteOfEverySymbol() {
        assertThat(redis.key().exists(keys.marketDataLast("AAPL"))).isFalse();
        support.tick(1);
        for (String symbol : UNIVERSE) {
            Quote quote = market.quote(symbol).orElseThrow();
            Map<String, String> last = redis.hash(String.class).hgetall(keys.marketDataLast(symbol));
            assertThat(new BigDecimal(last.get("last"))).isEqualByComparingTo(quote.last());
            assertThat(new BigDecimal(last.get("bid"))).isEqualByComparingTo(quote.bid()).isLessThan(quote.last());
            assertThat(new BigDecimal(last.get("ask"))).isEqualByComparingTo(quote.ask()).isGreaterThan(quote.last());
            assertThat(Instant.parse(last.get("ts"))).isEqualTo(quote.ts());
            assertThat(Long.parseLong(last.get("ts_ms"))).isEqualTo(quote.ts().toEpochMilli());
        }
    }

    @Test
    void everyTickAppendsOneBarPerSymbolToMdBars() {
        support.tick(3);
        List<StreamMessage<String, String, String>> bars = redis.stream(String.class)
                .xrange(keys.marketDataBars(), StreamRange.of("-", "+"));
        assertThat(bars).hasSize(3 * UNIVERSE.size());
        StreamMessage<String, String, String> lastAapl = bars.stream()
                .filter(m -> m.payload().get("symbol").equals("AAPL")).reduce((a, b) -> b).orElseThrow();
        Map<String, String> bar = lastAapl.payload();
        assertThat(bar).containsKeys("o", "h", "l", "c", "volume", "ts", "ts_ms");
        BigDecimal open = new BigDecimal(bar.get("o"));
        BigDecimal close = new BigDecimal(bar.get("c"));
        assertThat(new BigDecimal(bar.get("h"))).isGreaterThanOrEqualTo(open.max(close));
        assertThat(new BigDecimal(bar.get("l"))).isLessThanOrEqualTo(open.min(close));
        assertThat(close).isEqualByComparingTo(market.quote("AAPL").orElseThrow().last());
        assertThat(Long.parseLong(bar.get("volume"))).isPositive();
    }

    @Test
    void theSameSeedReplaysTheSamePricePathFromAFreshStart() {
        List<BigDecimal> firstRun = run(10);
        support.reset();
        assertThat(run(10)).isEqualTo(firstRun);
    }

    @Test
    void aRestartContinuesTheWalkStoredInPostgres() {
        support.tick(5);
        Quote before = market.quote("BTCUSD").orElseThrow();
        List<Quote> expected = market.preview("BTCUSD", 3);
        assertThat(support.one("SELECT step FROM paper_venue.market_state WHERE symbol = 'BTCUSD'").getLong(0)).isEqualTo(20);

        market.restore().await().atMost(VenueTestSupport.WAIT);
        assertThat(market.quote("BTCUSD").orElseThrow().last()).isEqualByComparingTo(before.last());
        support.tick(3);
        assertThat(market.quote("BTCUSD").orElseThrow().last()).isEqualByComparingTo(expected.get(2).last());
    }

    @Test
    void aStoredWalkOfAnotherSeedIsNotResumed() {
        support.tick(5);
        assertThat(market.quote("AAPL").orElseThrow().last()).as("precondition: the walk has moved")
                .isNotEqualByComparingTo("190.00");
        support.execute("UPDATE paper_venue.market_state SET seed = seed + 1");
        market.restore().await().atMost(VenueTestSupport.WAIT);
        assertThat(market.quote("AAPL").orElseThrow().last()).isEqualByComparingTo("190.00");
    }

    private List<BigDecimal> run(int ticks) {
        List<BigDecimal> path = new ArrayList<>();
        for (int i = 0; i < ticks; i++) {
            support.tick(1);
            path.add(market.quote("AAPL").orElseThrow().last());
        }
        return path;
    }
}

package io.tripwire.gateway.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.tripwire.controlplane.keys.RedisKeys;
import io.tripwire.gateway.support.MutableClock;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reference prices against the real Redis: a usable price is reused briefly, a missing one never. */
@QuarkusTest
class ReferencePriceCacheTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject ReactiveRedisDataSource redis;
    @Inject RedisKeys keys;
    MutableClock clock;
    ReferencePrices prices;

    @BeforeEach
    void freshPriceOfOneHundred() {
        clock = new MutableClock(Instant.now());
        prices = new ReferencePrices(redis, keys, clock, Duration.ofMillis(100));
        publish("100.00");
    }

    @Test
    void aPriceReadWithinTheCacheTimeIsReusedAndReadAgainAfterIt() {
        assertThat(last()).isEqualByComparingTo("100.00");
        publish("101.00");

        clock.advance(Duration.ofMillis(99));
        assertThat(last()).as("reused").isEqualByComparingTo("100.00");

        clock.advance(Duration.ofMillis(1));
        assertThat(last()).as("read again").isEqualByComparingTo("101.00");
    }

    @Test
    void aMissingPriceIsNeverRememberedNorDoesItKeepAnOldOneAlive() {
        redis.key().del(keys.marketDataLast("AAPL")).await().atMost(WAIT);
        assertThat(prices.get("AAPL").await().atMost(WAIT)).isNull();

        publish("102.00");
        assertThat(last()).isEqualByComparingTo("102.00");
    }

    @Test
    void aZeroCacheReadsRedisEveryTime() {
        ReferencePrices uncached = new ReferencePrices(redis, keys, clock, Duration.ZERO);
        assertThat(uncached.get("AAPL").await().atMost(WAIT).last()).isEqualByComparingTo("100.00");
        publish("103.00");
        assertThat(uncached.get("AAPL").await().atMost(WAIT).last()).isEqualByComparingTo("103.00");
    }

    @Test
    void ordersArrivingTogetherShareOneReadOfTheirSymbol() {
        clock.advance(Duration.ofSeconds(1)); // nothing cached any more

        var first = prices.get("AAPL");
        var second = prices.get("AAPL");

        assertThat(second).as("one read in flight, not one per order").isSameAs(first);
        assertThat(second.await().atMost(WAIT).last()).isEqualByComparingTo("100.00");
    }

    private BigDecimal last() {
        return prices.get("AAPL").await().atMost(WAIT).last();
    }

    private void publish(String last) {
        redis.hash(String.class).hset(keys.marketDataLast("AAPL"), Map.of("last", last, "bid", last, "ask", last,
                "ts_ms", Long.toString(clock.millis()))).await().atMost(WAIT);
    }
}

package io.tripwire.papervenue.market;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.keys.RedisKeys;
import io.tripwire.papervenue.PaperVenueConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes the simulated market data on Tripwire's market-data path (DESIGN.md §3): the hash
 * {@code md:last:{SYMBOL}} (last, bid, ask, ts ISO-8601, ts_ms epoch millis) and one bar per symbol
 * and tick on the stream {@code md:bars}, trimmed with an approximate MAXLEN.
 */
@ApplicationScoped
public class MarketDataPublisher {

    private final ReactiveHashCommands<String, String, String> hashes;
    private final ReactiveStreamCommands<String, String, String> streams;
    private final RedisKeys keys;
    private final long barsMaxLen;

    public MarketDataPublisher(ReactiveRedisDataSource redis, RedisKeys keys, PaperVenueConfig config) {
        this.hashes = redis.hash(String.class);
        this.streams = redis.stream(String.class);
        this.keys = keys;
        this.barsMaxLen = config.market().barsMaxLen();
    }

    public Uni<Void> publish(List<Quote> quotes, List<Bar> bars) {
        List<Uni<Void>> writes = new ArrayList<>();
        quotes.forEach(q -> writes.add(hashes.hset(keys.marketDataLast(q.symbol()), last(q)).replaceWithVoid()));
        XAddArgs trim = new XAddArgs().maxlen(barsMaxLen).nearlyExactTrimming();
        bars.forEach(b -> writes.add(streams.xadd(keys.marketDataBars(), trim, bar(b)).replaceWithVoid()));
        return writes.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(writes).andFailFast().replaceWithVoid();
    }

    static Map<String, String> last(Quote quote) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("last", plain(quote.last()));
        fields.put("bid", plain(quote.bid()));
        fields.put("ask", plain(quote.ask()));
        putTime(fields, quote.ts());
        return fields;
    }

    static Map<String, String> bar(Bar bar) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("symbol", bar.symbol());
        fields.put("o", plain(bar.open()));
        fields.put("h", plain(bar.high()));
        fields.put("l", plain(bar.low()));
        fields.put("c", plain(bar.close()));
        fields.put("volume", Long.toString(bar.volume()));
        putTime(fields, bar.ts());
        return fields;
    }

    private static void putTime(Map<String, String> fields, Instant ts) {
        fields.put("ts", ts.toString());
        fields.put("ts_ms", Long.toString(ts.toEpochMilli()));
    }

    private static String plain(BigDecimal value) {
        return value.toPlainString();
    }
}

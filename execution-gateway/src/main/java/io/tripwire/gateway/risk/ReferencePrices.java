package io.tripwire.gateway.risk;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.keys.RedisKeys;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.reject.RejectException;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import io.tripwire.gateway.GatewayConfig;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads reference prices from {@code md:last:{SYMBOL}}. A missing, garbled or unreadable price is an
 * empty result: the caller refuses the order (MARKET_PRICE_UNAVAILABLE), it never skips the check.
 */
@ApplicationScoped
public class ReferencePrices {

    private final ReactiveHashCommands<String, String, String> hashes;
    private final RedisKeys keys;
    private final Clock clock;
    private final long cacheMillis;
    private final Map<String, Cached> recent = new ConcurrentHashMap<>();

    /** A read of a price (shared by every order that asks while it is fresh) and when it started. */
    private record Cached(Uni<ReferencePrice> price, long readAtMillis) {
    }

    @Inject
    public ReferencePrices(ReactiveRedisDataSource redis, RedisKeys keys, Clock clock, GatewayConfig config) {
        this(redis, keys, clock, config.risk().priceCache());
    }

    ReferencePrices(ReactiveRedisDataSource redis, RedisKeys keys, Clock clock, Duration cache) {
        this.hashes = redis.hash(String.class);
        this.keys = keys;
        this.clock = clock;
        this.cacheMillis = cache.toMillis();
    }

    /**
     * The price, or {@code null} when there is no usable one; fails with CONTROL_PLANE_UNAVAILABLE when
     * Redis cannot be read (the order is refused either way). A usable price read within
     * {@code gateway.risk.price-cache} is reused; a missing or garbled one is never remembered.
     */
    public Uni<ReferencePrice> get(String symbol) {
        if (cacheMillis <= 0) {
            return read(symbol);
        }
        long now = clock.millis();
        Cached cached = recent.get(symbol);
        if (cached != null && now - cached.readAtMillis() < cacheMillis) {
            return cached.price();
        }
        // One read per symbol and window, however many orders arrive at once (no burst of identical reads).
        AtomicReference<Cached> self = new AtomicReference<>();
        Uni<ReferencePrice> shared = read(symbol)
                .invoke(price -> {
                    if (price == null) {
                        recent.remove(symbol, self.get()); // an unusable price is never remembered
                    }
                })
                .onFailure().invoke(e -> recent.remove(symbol, self.get()))
                .memoize().indefinitely();
        self.set(new Cached(shared, now));
        recent.put(symbol, self.get());
        return shared;
    }

    private Uni<ReferencePrice> read(String symbol) {
        return hashes.hgetall(keys.marketDataLast(symbol))
                .ifNoItem().after(Duration.ofSeconds(2)).fail()
                .onFailure().transform(e -> new RejectException(RejectCode.CONTROL_PLANE_UNAVAILABLE,
                        "Redis unavailable: " + e.getMessage()))
                .map(ReferencePrices::parse);
    }

    static ReferencePrice parse(Map<String, String> fields) {
        try {
            BigDecimal last = new BigDecimal(fields.get("last"));
            BigDecimal bid = fields.get("bid") == null ? last : new BigDecimal(fields.get("bid"));
            BigDecimal ask = fields.get("ask") == null ? last : new BigDecimal(fields.get("ask"));
            Instant at = fields.containsKey("ts_ms")
                    ? Instant.ofEpochMilli(Long.parseLong(fields.get("ts_ms"))) : Instant.parse(fields.get("ts"));
            return last.signum() > 0 ? new ReferencePrice(last, bid, ask, at) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}

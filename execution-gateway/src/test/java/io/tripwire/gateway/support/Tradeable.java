package io.tripwire.gateway.support;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.tripwire.controlplane.auth.ApiKeyScope;
import io.tripwire.controlplane.auth.ApiKeyService;
import io.tripwire.controlplane.control.ControlStateInitializer;
import io.tripwire.controlplane.keys.RedisKeys;
import io.tripwire.gateway.breaker.RecentTrip;
import io.tripwire.gateway.breaker.RejectStormWindow;
import io.tripwire.gateway.venue.VenueErrorTracker;
import io.tripwire.controlplane.testing.TestStores;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * Puts the real stores in a known state in which orders can be admitted: brand-new control state
 * (breaker OPEN, kill switch inactive), reconciliation READY, flat exposure and fresh prices for the
 * test universe; and issues keys.
 */
@ApplicationScoped
public class Tradeable {

    public static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "SPY", "BTCUSD", "ETHUSD");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ReactiveRedisDataSource redis;
    private final Pool pool;
    private final RedisKeys keys;
    private final ControlStateInitializer initializer;
    private final ApiKeyService apiKeys;
    private final Clock clock;
    private final RecentTrip recentTrip;
    private final RejectStormWindow rejects;
    private final VenueErrorTracker venueErrors;

    public Tradeable(ReactiveRedisDataSource redis, Pool pool, RedisKeys keys, ControlStateInitializer initializer,
                     ApiKeyService apiKeys, Clock clock, RecentTrip recentTrip, RejectStormWindow rejects,
                     VenueErrorTracker venueErrors) {
        this.recentTrip = recentTrip;
        this.rejects = rejects;
        this.venueErrors = venueErrors;
        this.redis = redis;
        this.pool = pool;
        this.keys = keys;
        this.initializer = initializer;
        this.apiKeys = apiKeys;
        this.clock = clock;
    }

    /** Clean stores, then a tradeable control plane. */
    public void reset() {
        TestStores.clean(redis, pool);
        initializer.initializeIfNew().await().atMost(WAIT);
        // the stores were reset behind the gateway's back: so are its in-memory automatic-trip inputs
        recentTrip.sawNotTripped();
        rejects.clear();
        venueErrors.success();
        redis.value(String.class).set(keys.reconciliationState(),
                "{\"state\":\"READY\",\"run_id\":\"test\",\"started_at\":null,\"finished_at\":null}").await().atMost(WAIT);
        for (String symbol : SYMBOLS) {
            redis.hash(String.class).hset(keys.exposure(symbol), Map.of("pos", "0", "wbuy", "0", "wsell", "0")).await().atMost(WAIT);
            price(symbol, "100.00");
        }
    }

    /** Publishes a fresh reference price. */
    public void price(String symbol, String last) {
        redis.hash(String.class).hset(keys.marketDataLast(symbol), Map.of("last", last, "bid", last, "ask", last,
                "ts_ms", Long.toString(clock.millis()))).await().atMost(WAIT);
    }

    /** Sets the filled position of a symbol in the exposure ledger, in whole units. */
    public void position(String symbol, long units) {
        redis.hash(String.class).hset(keys.exposure(symbol), "pos", Long.toString(units * 100_000_000L)).await().atMost(WAIT);
    }

    public String key(ApiKeyScope... scopes) {
        var set = scopes.length == 0 ? EnumSet.allOf(ApiKeyScope.class) : EnumSet.copyOf(List.of(scopes));
        return apiKeys.issue("test", set, Duration.ofDays(1), "test").await().atMost(WAIT).token().reveal();
    }

    public ReactiveRedisDataSource redis() {
        return redis;
    }

    public RedisKeys keys() {
        return keys;
    }

    public long count(String sql) {
        return pool.query(sql).execute().map(rows -> rows.iterator().next().getLong(0)).await().atMost(WAIT);
    }
}

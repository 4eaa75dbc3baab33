package io.tripwire.papervenue;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.restassured.specification.RequestSpecification;
import io.tripwire.controlplane.auth.ApiKeyScope;
import io.tripwire.controlplane.auth.ApiKeyService;
import io.tripwire.papervenue.account.AccountService;
import io.tripwire.papervenue.fault.FaultInjector;
import io.tripwire.papervenue.market.MarketSimulator;
import io.tripwire.papervenue.market.TickCycle;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;

import static io.restassured.RestAssured.given;

/**
 * Puts the real stores back to a known state before each test: Redis DB 7 flushed (the test
 * profile's own index, never another), the paper_venue tables emptied, the account back at its
 * starting cash, the price walks back at step 0, and no faults.
 */
@ApplicationScoped
public class VenueTestSupport {

    public static final Duration WAIT = Duration.ofSeconds(10);

    private final ReactiveRedisDataSource redis;
    private final Pool pool;
    private final AccountService accounts;
    private final MarketSimulator market;
    private final TickCycle ticks;
    private final FaultInjector faults;
    private final ApiKeyService apiKeys;

    public VenueTestSupport(ReactiveRedisDataSource redis, Pool pool, AccountService accounts, MarketSimulator market,
                            TickCycle ticks, FaultInjector faults, ApiKeyService apiKeys) {
        this.redis = redis;
        this.pool = pool;
        this.accounts = accounts;
        this.market = market;
        this.ticks = ticks;
        this.faults = faults;
        this.apiKeys = apiKeys;
    }

    public void reset() {
        redis.execute("FLUSHDB").await().atMost(WAIT);
        pool.query("TRUNCATE paper_venue.paper_orders, paper_venue.positions, paper_venue.market_state").execute()
                .chain(() -> pool.query("UPDATE paper_venue.account SET cash = starting_cash, last_equity = NULL, "
                        + "last_equity_day = NULL").execute())
                .await().atMost(WAIT);
        accounts.ensureAccount().await().atMost(WAIT);
        market.restore().await().atMost(WAIT);
        faults.clear("test");
    }

    /** Advances the simulated market by {@code n} ticks (publishing and matching as the scheduler would). */
    public void tick(int n) {
        for (int i = 0; i < n; i++) {
            ticks.run().await().atMost(WAIT);
        }
    }

    /** A fresh Tripwire API key with the given scopes, as the full secret text. */
    public String apiKey(ApiKeyScope... scopes) {
        return apiKeys.issue("paper-venue-test", Set.of(scopes), Duration.ofDays(30), "test")
                .await().atMost(WAIT).token().reveal();
    }

    /** The single row of a query (fails when there is none). */
    public Row one(String sql, Object... params) {
        RowSet<Row> rows = pool.preparedQuery(sql).execute(Tuple.from(Arrays.asList(params))).await().atMost(WAIT);
        if (!rows.iterator().hasNext()) {
            throw new AssertionError("no row for " + sql);
        }
        return rows.iterator().next();
    }

    /** Runs a statement directly against PostgreSQL, bypassing the venue. */
    public int execute(String sql, Object... params) {
        return pool.preparedQuery(sql).execute(Tuple.from(Arrays.asList(params))).await().atMost(WAIT).rowCount();
    }

    public long count(String sql, Object... params) {
        return one(sql, params).getLong(0);
    }

    /** A request to the Alpaca API with the test profile's key pair. */
    public static RequestSpecification alpaca() {
        return given().header("APCA-API-KEY-ID", "test-key").header("APCA-API-SECRET-KEY", "test-secret");
    }
}

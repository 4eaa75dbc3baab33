package io.tripwire.gateway.support;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.tripwire.controlplane.auth.ApiKeyScope;
import io.tripwire.controlplane.auth.ApiKeyService;
import io.tripwire.controlplane.control.ControlStateInitializer;
import io.tripwire.controlplane.keys.RedisKeys;
import io.tripwire.controlplane.state.BreakerState;
import io.tripwire.controlplane.state.KillSwitchState;
import io.tripwire.controlplane.state.StateCodec;
import io.tripwire.controlplane.testing.TestStores;
import io.tripwire.gateway.GatewayConfig;
import io.tripwire.controlplane.control.ControlStateRepairs;
import io.tripwire.gateway.breaker.RecentTrip;
import io.tripwire.gateway.breaker.RejectStormWindow;
import io.tripwire.gateway.venue.VenueErrorTracker;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;

import static io.restassured.RestAssured.given;

/**
 * Puts the gateway, its stores and the paper venue into a known, tradeable state before each test:
 * venue faults off and its book empty, Redis DB 1 flushed and PostgreSQL truncated, control state
 * initialized (breaker OPEN, kill switch inactive), reconciliation READY, empty exposure for every
 * symbol, fresh prices from the venue, in-memory counters cleared, and an admin key.
 */
@ApplicationScoped
public class GatewayTestSupport {

    public static final Duration WAIT = Duration.ofSeconds(10);

    private final ReactiveRedisDataSource redis;
    private final Pool pool;
    private final ControlStateInitializer initializer;
    private final RedisKeys keys;
    private final VenueErrorTracker venueErrors;
    private final RejectStormWindow rejects;
    private final RecentTrip recentTrip;
    private final ControlStateRepairs repairs;
    private final ApiKeyService apiKeys;
    private final GatewayConfig config;
    private String adminKey;

    public GatewayTestSupport(ReactiveRedisDataSource redis, Pool pool, ControlStateInitializer initializer, RedisKeys keys,
                              VenueErrorTracker venueErrors, RejectStormWindow rejects, ApiKeyService apiKeys,
                              GatewayConfig config, RecentTrip recentTrip, ControlStateRepairs repairs) {
        this.redis = redis;
        this.pool = pool;
        this.initializer = initializer;
        this.keys = keys;
        this.venueErrors = venueErrors;
        this.rejects = rejects;
        this.recentTrip = recentTrip;
        this.repairs = repairs;
        this.apiKeys = apiKeys;
        this.config = config;
    }

    /** A clean, tradeable world; returns an admin key (every scope). */
    public String tradeable() {
        if (adminKey != null) {
            PaperVenue.clearFaults(adminKey);
        }
        settlePreviousOrders();
        settleRepairs();
        PaperVenue.resetBook();
        venueErrors.success();
        cleanStores();
        reconciliation("READY");
        for (String symbol : config.symbols()) {
            redis.hash(String.class).hset(keys.exposure(symbol), Map.of("pos", "0", "wbuy", "0", "wsell", "0"))
                    .await().atMost(WAIT);
        }
        Awaitility.await().atMost(WAIT).until(() -> config.symbols().stream().allMatch(s ->
                redis.key().exists(keys.marketDataLast(s)).await().atMost(WAIT)));
        adminKey = key(ApiKeyScope.values());
        PaperVenue.clearFaults(adminKey);
        venueErrors.success();
        rejects.clear();
        recentTrip.sawNotTripped(); // the stores were reset behind the gateway's back
        return adminKey;
    }

    /** A previous test's store outage may have left a control-state repair pending: let it land before the reset, not after. */
    private void settleRepairs() {
        try {
            Awaitility.await().atMost(WAIT).until(() -> repairs.pendingCount() == 0);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // a store still down: the repair keeps failing, and the reset below is what the test gets
        }
    }

    /** The previous test's orders may still be on their way to the venue: let them arrive before the books are emptied. */
    private void settlePreviousOrders() {
        try {
            Awaitility.await().atMost(WAIT).until(() -> count("SELECT count(*) FROM orders WHERE status IN ('NEW', 'SUBMITTED')") == 0);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // stuck orders (e.g. a venue fault) are removed with the tables below
        }
    }

    /**
     * Empties Redis DB 1 and the tables and initializes the control state. The previous test's orders may
     * still be moving in the background (a TRUNCATE can then deadlock with them), and a background write
     * can land between the truncation and the initialization: both are simply retried.
     */
    private void cleanStores() {
        for (int attempt = 1; ; attempt++) {
            try {
                TestStores.clean(redis, pool);
                if (initializer.initializeIfNew().await().atMost(WAIT)) {
                    return;
                }
            } catch (RuntimeException e) {
                if (attempt >= 5) {
                    throw e;
                }
            }
            if (attempt >= 5) {
                throw new IllegalStateException("control state could not be initialized on clean stores");
            }
        }
    }

    public String adminKey() {
        return adminKey;
    }

    public String key(ApiKeyScope... scopes) {
        return apiKeys.issue("gateway-test", Set.copyOf(Arrays.asList(scopes)), Duration.ofDays(1), "test")
                .await().atMost(WAIT).token().reveal();
    }

    public static RequestSpecification as(String key) {
        return given().header("X-API-Key", key).contentType(ContentType.JSON);
    }

    public void reconciliation(String state) {
        redis.value(String.class).set(keys.reconciliationState(),
                "{\"state\":\"" + state + "\",\"run_id\":\"test\",\"started_at\":null,\"finished_at\":null}").await().atMost(WAIT);
    }

    /** Sets the exposure hash of a symbol: position and working quantities in units. */
    public void exposure(String symbol, String pos) {
        redis.hash(String.class).hset(keys.exposure(symbol), Map.of("pos", toUnits(pos), "wbuy", "0", "wsell", "0"))
                .await().atMost(WAIT);
    }

    public BreakerState breaker() {
        return StateCodec.decode(redis.value(String.class).get(keys.breakerState()).await().atMost(WAIT), BreakerState.class)
                .orElseThrow();
    }

    public KillSwitchState killSwitch() {
        return StateCodec.decode(redis.value(String.class).get(keys.killSwitchState()).await().atMost(WAIT),
                KillSwitchState.class).orElseThrow();
    }

    public String rawRedis(String key) {
        return redis.value(String.class).get(key).await().atMost(WAIT);
    }

    public long count(String sql, Object... params) {
        return pool.preparedQuery(sql).execute(Tuple.from(Arrays.asList(params))).await().atMost(WAIT)
                .iterator().next().getLong(0);
    }

    /** The venue's last price of a symbol, from {@code md:last:{SYMBOL}}. */
    public java.math.BigDecimal price(String symbol) {
        return new java.math.BigDecimal(redis.hash(String.class).hget(keys.marketDataLast(symbol), "last").await().atMost(WAIT));
    }

    /** A limit price {@code bps} basis points below (negative: above) the last price, inside the collar. */
    public String priceAway(String symbol, int bpsBelow) {
        return price(symbol).multiply(java.math.BigDecimal.ONE.subtract(java.math.BigDecimal.valueOf(bpsBelow, 4)))
                .setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }

    public ReactiveRedisDataSource redis() {
        return redis;
    }

    public RedisKeys keys() {
        return keys;
    }

    private static String toUnits(String quantity) {
        return new java.math.BigDecimal(quantity).movePointRight(8).toBigIntegerExact().toString();
    }
}

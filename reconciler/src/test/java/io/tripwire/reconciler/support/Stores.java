package io.tripwire.reconciler.support;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.tripwire.controlplane.auth.ApiKeyScope;
import io.tripwire.controlplane.auth.ApiKeyService;
import io.tripwire.controlplane.control.ControlStateInitializer;
import io.tripwire.controlplane.keys.RedisKeys;
import io.tripwire.controlplane.order.Order;
import io.tripwire.controlplane.order.OrderRepository;
import io.tripwire.controlplane.order.OrderStatus;
import io.tripwire.controlplane.order.OrderType;
import io.tripwire.controlplane.order.Side;
import io.tripwire.controlplane.order.TimeInForce;
import io.tripwire.controlplane.testing.TestStores;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

/** Known store states for reconciler tests: clean, brand-new control state, orders and positions as given. */
@ApplicationScoped
public class Stores {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ReactiveRedisDataSource redis;
    private final Pool pool;
    private final RedisKeys keys;
    private final ControlStateInitializer initializer;
    private final ApiKeyService apiKeys;
    private final OrderRepository orders;

    public Stores(ReactiveRedisDataSource redis, Pool pool, RedisKeys keys, ControlStateInitializer initializer,
                  ApiKeyService apiKeys, OrderRepository orders) {
        this.redis = redis;
        this.pool = pool;
        this.keys = keys;
        this.initializer = initializer;
        this.apiKeys = apiKeys;
        this.orders = orders;
    }

    public void reset() {
        TestStores.clean(redis, pool);
        initializer.initializeIfNew().await().atMost(WAIT);
    }

    /** An order as the gateway booked it, last changed {@code updatedAt}. */
    public Order order(String clientOrderId, String symbol, Side side, String qty, OrderStatus status, String filled,
                       Instant updatedAt) {
        Order o = new Order(UUID.randomUUID(), clientOrderId, "hash", "testkey", "s1", null, symbol, side, OrderType.MARKET,
                TimeInForce.DAY, new BigDecimal(qty), null, new BigDecimal("100"), false, null, status,
                new BigDecimal(filled), null, "paper", null, null, null, "api", updatedAt.minusSeconds(1), updatedAt);
        pool.withTransaction(tx -> orders.insert(tx, o, "test")).await().atMost(WAIT);
        pool.preparedQuery("UPDATE orders SET status_rank = $2 WHERE id = $1").execute(Tuple.of(o.id(), status.rank()))
                .await().atMost(WAIT);
        return o;
    }

    public Order find(String clientOrderId) {
        return orders.byClientOrderIds(List.of(clientOrderId)).await().atMost(WAIT).getFirst();
    }

    public void position(String symbol, String qty) {
        pool.preparedQuery("INSERT INTO positions (symbol, quantity, updated_at) VALUES ($1, $2, now()) "
                + "ON CONFLICT (symbol) DO UPDATE SET quantity = EXCLUDED.quantity").execute(Tuple.of(symbol, new BigDecimal(qty)))
                .await().atMost(WAIT);
    }

    public String key(ApiKeyScope... scopes) {
        var set = scopes.length == 0 ? EnumSet.allOf(ApiKeyScope.class) : EnumSet.copyOf(List.of(scopes));
        return apiKeys.issue("test", set, Duration.ofDays(1), "test").await().atMost(WAIT).token().reveal();
    }

    public String get(String key) {
        return redis.value(String.class).get(key).await().atMost(WAIT);
    }

    public String hget(String key, String field) {
        return redis.hash(String.class).hget(key, field).await().atMost(WAIT);
    }

    public void set(String key, String value) {
        redis.value(String.class).set(key, value).await().atMost(WAIT);
    }

    public void delete(String key) {
        redis.key().del(key).await().atMost(WAIT);
    }

    public void flushRedis() {
        redis.execute("FLUSHDB").await().atMost(WAIT); // this test's DB index only
    }

    public long count(String sql) {
        return pool.query(sql).execute().map(rows -> rows.iterator().next().getLong(0)).await().atMost(WAIT);
    }

    public String text(String sql) {
        return pool.query(sql).execute().map(rows -> rows.iterator().hasNext()
                ? String.valueOf(rows.iterator().next().getValue(0)) : null).await().atMost(WAIT);
    }

    /** Every alert summary in alerts:stream. */
    public List<String> alerts() {
        return redis.stream(String.class).xrange(keys.alertsStream(), io.quarkus.redis.datasource.stream.StreamRange.of("-", "+"))
                .await().atMost(WAIT).stream().map(m -> m.payload().get("severity") + " " + m.payload().get("summary")).toList();
    }

    public RedisKeys keys() {
        return keys;
    }
}

package io.tripwire.controlplane.testing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.runtime.datasource.ReactiveRedisDataSourceImpl;
import io.tripwire.controlplane.alert.AlertPublisher;
import io.tripwire.controlplane.audit.AuditWriter;
import io.tripwire.controlplane.control.ControlStateReconciler;
import io.tripwire.controlplane.control.ControlStateRepairs;
import io.tripwire.controlplane.control.ControlStateService;
import io.tripwire.controlplane.control.PostgresControlStore;
import io.tripwire.controlplane.control.RedisControlStore;
import io.tripwire.controlplane.keys.RedisKeys;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.redis.client.RedisOptions;
import io.vertx.sqlclient.PoolOptions;
import java.time.Clock;

/**
 * Control-plane services wired by hand to stores of the test's choosing (e.g. a PostgreSQL port where
 * nothing listens, or a spare Redis that the test kills), to prove behaviour when a store is gone.
 */
public final class DetachedStores {

    private DetachedStores() {
    }

    public static ReactiveRedisDataSource redisAt(Vertx vertx, String url) {
        Redis client = Redis.createClient(vertx, new RedisOptions().setConnectionString(url).setMaxPoolWaiting(100));
        return new ReactiveRedisDataSourceImpl(vertx, client, RedisAPI.api(client));
    }

    /** A pool to a PostgreSQL that is not there: every connection attempt is refused. */
    public static Pool unreachablePostgres(Vertx vertx) {
        return PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(2))
                .connectingTo(new PgConnectOptions().setHost("127.0.0.1").setPort(1).setDatabase("tripwire_test")
                        .setUser("postgres").setConnectTimeout(500))
                .using(vertx)
                .build();
    }

    public static ControlStateReconciler reconciler(Pool pool, ReactiveRedisDataSource redis, RedisKeys keys, Clock clock) {
        var audit = new AuditWriter(clock, pool, new SimpleMeterRegistry());
        return new ControlStateReconciler(pool, new RedisControlStore(redis, keys), new PostgresControlStore(), audit, clock);
    }

    /** A ControlStateService over the given stores. */
    public static ControlStateService controlState(Pool pool, ReactiveRedisDataSource redis, RedisKeys keys, Clock clock) {
        var redisStore = new RedisControlStore(redis, keys);
        var postgres = new PostgresControlStore();
        var audit = new AuditWriter(clock, pool, new SimpleMeterRegistry());
        var reconciler = new ControlStateReconciler(pool, redisStore, postgres, audit, clock);
        var repairs = new ControlStateRepairs(pool, postgres, audit, new AlertPublisher(redis, keys), reconciler, clock);
        return new ControlStateService(pool, redisStore, postgres, audit, repairs, clock);
    }
}

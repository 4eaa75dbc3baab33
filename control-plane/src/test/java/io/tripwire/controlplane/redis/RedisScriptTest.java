package io.tripwire.controlplane.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.tripwire.controlplane.testing.DetachedStores;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A script run by its SHA-1 against the real Redis (control-plane's DB 9): every call runs, cached or not. */
class RedisScriptTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static Vertx vertx;
    private static ReactiveRedisDataSource redis;

    private final RedisScript increment = new RedisScript("return redis.call('INCRBY', KEYS[1], ARGV[1])");

    @BeforeAll
    static void connect() {
        vertx = Vertx.vertx();
        redis = DetachedStores.redisAt(vertx, "redis://127.0.0.1:6379/9");
    }

    @AfterAll
    static void close() {
        vertx.closeAndAwait();
    }

    @BeforeEach
    void unknownToRedis() {
        redis.execute("FLUSHDB").await().atMost(WAIT);
        redis.execute("SCRIPT", "FLUSH").await().atMost(WAIT);
    }

    @Test
    void theFirstCallOfAScriptRedisDoesNotKnowRunsAndCachesIt() {
        assertThat(increment.run(redis, List.of("counter"), List.of("5")).await().atMost(WAIT).toLong()).isEqualTo(5);
        assertThat(redis.execute("SCRIPT", "EXISTS", increment.sha()).await().atMost(WAIT).get(0).toLong()).isEqualTo(1);
        assertThat(increment.run(redis, List.of("counter"), List.of("2")).await().atMost(WAIT).toLong()).isEqualTo(7);
    }

    @Test
    void aCallAfterRedisLostItsScriptCacheRunsExactlyOnce() {
        increment.run(redis, List.of("counter"), List.of("1")).await().atMost(WAIT);
        redis.execute("SCRIPT", "FLUSH").await().atMost(WAIT);

        assertThat(increment.run(redis, List.of("counter"), List.of("1")).await().atMost(WAIT).toLong()).isEqualTo(2);
        assertThat(redis.execute("GET", "counter").await().atMost(WAIT).toLong()).isEqualTo(2);
    }

    @Test
    void theShaIsTheOneRedisComputes() {
        String loaded = redis.execute("SCRIPT", "LOAD", "return redis.call('INCRBY', KEYS[1], ARGV[1])").await().atMost(WAIT).toString();
        assertThat(increment.sha()).isEqualTo(loaded);
    }
}

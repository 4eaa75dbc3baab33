package io.tripwire.gateway.breaker;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.keys.RedisKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;

/**
 * The global reset rate limit: one reset per {@value #WINDOW_SECONDS} s across every operator and
 * gateway, as {@code SET cb_ratelimit:reset:global <token> NX EX 60}. A reset that fails gives its
 * token back so the operator can retry at once. Any Redis failure is an exception (the caller answers 503).
 */
@ApplicationScoped
public class ResetRateLimit {

    static final int WINDOW_SECONDS = 60;
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final String GIVE_BACK = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0""";

    /** Either a token (acquired) or the seconds until the next reset is allowed. */
    public record Attempt(String token, long retryAfterSeconds) {
        public boolean acquired() {
            return token != null;
        }
    }

    private final ReactiveRedisDataSource redis;
    private final RedisKeys keys;

    public ResetRateLimit(ReactiveRedisDataSource redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    public Uni<Attempt> acquire() {
        String token = UUID.randomUUID().toString();
        return redis.execute("SET", keys.breakerResetRateLimit(), token, "NX", "EX", Integer.toString(WINDOW_SECONDS))
                .ifNoItem().after(TIMEOUT).fail()
                .chain(set -> set != null
                        ? Uni.createFrom().item(new Attempt(token, 0))
                        : redis.key().ttl(keys.breakerResetRateLimit()).ifNoItem().after(TIMEOUT).fail()
                                .map(ttl -> new Attempt(null, ttl > 0 ? ttl : 1)));
    }

    /** Deletes the token if it is still ours. */
    public Uni<Void> giveBack(String token) {
        return redis.execute("EVAL", GIVE_BACK, "1", keys.breakerResetRateLimit(), token)
                .ifNoItem().after(TIMEOUT).fail().replaceWithVoid();
    }
}

package io.tripwire.controlplane.control;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.keys.RedisKeys;
import io.tripwire.controlplane.state.ControlRead;
import io.tripwire.controlplane.state.ControlValue;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/** Redis side of the control state: the fast path every order reads. */
@ApplicationScoped
public class RedisControlStore {

    static final Duration TIMEOUT = Duration.ofSeconds(2);

    /** Sets (or deletes, for an empty new value) only if the key still holds what the writer read. */
    private static final String COMPARE_AND_SET = """
            local current = redis.call('GET', KEYS[1])
            if (current == false and ARGV[1] == '') or current == ARGV[1] then
              if ARGV[2] == '' then redis.call('DEL', KEYS[1]) else redis.call('SET', KEYS[1], ARGV[2]) end
              return 1
            end
            return 0
            """;

    private final ReactiveRedisDataSource redis;
    private final ReactiveValueCommands<String, String> values;
    private final RedisKeys keys;

    public RedisControlStore(ReactiveRedisDataSource redis, RedisKeys keys) {
        this.redis = redis;
        this.values = redis.value(String.class);
        this.keys = keys;
    }

    /** What Redis holds for a key: the raw text (for compare-and-set) and its decoded, fail-closed reading. */
    public record Snapshot<T>(String raw, ControlRead<T> read) {
    }

    public <T extends ControlValue> Uni<Snapshot<T>> read(ControlKey<T> key) {
        return values.get(keys.physical(key.logicalName()))
                .ifNoItem().after(TIMEOUT).fail()
                .map(raw -> new Snapshot<>(raw, key.fromRedis(raw)))
                .onFailure().recoverWithItem(e -> new Snapshot<>(null,
                        ControlRead.unavailable(ControlRead.Cause.UNREADABLE, String.valueOf(e.getMessage()))));
    }

    /** Unconditional write, used for safety-increasing changes and restores; {@code null} deletes. */
    public <T extends ControlValue> Uni<Void> write(ControlKey<T> key, T value) {
        String redisKey = keys.physical(key.logicalName());
        Uni<?> write = value == null ? redis.key().del(redisKey) : values.set(redisKey, key.toRedis(value));
        return write.ifNoItem().after(TIMEOUT).fail().replaceWithVoid();
    }

    /** Writes only if the key still holds {@code expectedRaw} ({@code null} = absent); true when written. */
    public <T extends ControlValue> Uni<Boolean> compareAndSet(ControlKey<T> key, String expectedRaw, T value) {
        List<String> args = List.of("EVAL", COMPARE_AND_SET, "1", keys.physical(key.logicalName()),
                expectedRaw == null ? "" : expectedRaw, value == null ? "" : key.toRedis(value));
        return redis.execute(args.get(0), args.subList(1, args.size()).toArray(String[]::new))
                .ifNoItem().after(TIMEOUT).fail()
                .map(response -> response.toInteger() == 1);
    }
}

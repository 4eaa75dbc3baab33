package io.tripwire.gateway.breaker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.sortedset.ReactiveSortedSetCommands;
import io.quarkus.redis.datasource.sortedset.ScoredValue;
import io.quarkus.redis.datasource.sortedset.ZRangeArgs;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.keys.RedisKeys;
import io.tripwire.controlplane.state.StateCodec;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The trip history: sorted set {@code circuit_breaker:history} (score = trip time in epoch ms, member =
 * JSON trip, newest {@value #MAX_ENTRIES} kept); a reset adds its fields to the newest entry. PostgreSQL's
 * {@code circuit_breaker_events} is the truth: when Redis cannot be read, the answer comes from there; when Redis
 * holds fewer trips than PostgreSQL (the key was lost, or a trip was recorded in PostgreSQL only, as the
 * reconciler's are), the answer comes from there too and the sorted set is rebuilt from it. A trip is never
 * invisible in the history.
 */
@ApplicationScoped
public class BreakerHistory {

    static final int MAX_ENTRIES = 1000;
    /** Reset fields are absent until a reset: they must not be required when reading an entry back. */
    private static final ObjectMapper ENTRIES = StateCodec.mapper().copy()
            .disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final String ADD_AND_TRIM = """
            redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
            redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -(tonumber(ARGV[3]) + 1))
            return 1""";
    /** Replaces a member only if it is still there (a concurrent reset of the same entry loses). */
    private static final String REPLACE = """
            if redis.call('ZSCORE', KEYS[1], ARGV[1]) then
              redis.call('ZREM', KEYS[1], ARGV[1])
              redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
              return 1
            end
            return 0""";
    /** Replaces the whole set with the entries rebuilt from PostgreSQL (ARGV: score, member, score, member...). */
    private static final String REBUILD = """
            redis.call('DEL', KEYS[1])
            for i = 1, #ARGV, 2 do redis.call('ZADD', KEYS[1], ARGV[i], ARGV[i + 1]) end
            return 1""";

    /** Where a history answer came from. */
    public record Page(String source, List<BreakerHistoryEntry> entries) {
    }

    private final ReactiveRedisDataSource redis;
    private final ReactiveSortedSetCommands<String, String> sortedSets;
    private final RedisKeys keys;
    private final BreakerEventRepository events;

    public BreakerHistory(ReactiveRedisDataSource redis, RedisKeys keys, BreakerEventRepository events) {
        this.redis = redis;
        this.sortedSets = redis.sortedSet(String.class);
        this.keys = keys;
        this.events = events;
    }

    public Uni<Void> add(BreakerHistoryEntry entry) {
        return redis.execute("EVAL", ADD_AND_TRIM, "1", keys.breakerHistory(),
                        Long.toString(entry.trippedAt().toEpochMilli()), StateCodec.encode(entry),
                        Integer.toString(MAX_ENTRIES))
                .ifNoItem().after(TIMEOUT).fail().replaceWithVoid();
    }

    /** Adds the reset to the newest entry, unless that entry already has one. */
    public Uni<Void> markReset(Instant at, String by, String reason) {
        return sortedSets.zrangeWithScores(keys.breakerHistory(), 0, 0, new ZRangeArgs().rev())
                .ifNoItem().after(TIMEOUT).fail()
                .chain(newest -> {
                    if (newest.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    ScoredValue<String> top = newest.get(0);
                    BreakerHistoryEntry entry = parse(top.value());
                    if (entry == null || entry.resetAt() != null) {
                        return Uni.createFrom().voidItem();
                    }
                    String updated = StateCodec.encode(entry.withReset(at, by, reason));
                    return redis.execute("EVAL", REPLACE, "1", keys.breakerHistory(), top.value(),
                            Long.toString((long) top.score()), updated).replaceWithVoid();
                });
    }

    /** Newest first; from Redis, or from PostgreSQL when Redis cannot be read or holds fewer trips than it. */
    public Uni<Page> newest(int limit) {
        return sortedSets.zrange(keys.breakerHistory(), 0, limit - 1L, new ZRangeArgs().rev())
                .ifNoItem().after(TIMEOUT).fail()
                .map(members -> {
                    List<BreakerHistoryEntry> entries = new ArrayList<>();
                    members.stream().map(BreakerHistory::parse).filter(e -> e != null).forEach(entries::add);
                    return new Page("redis", entries);
                })
                .chain(page -> page.entries().size() >= limit ? Uni.createFrom().item(page) : completeFromPostgres(page, limit))
                .onFailure().recoverWithUni(e -> {
                    Log.warnf("Breaker history not readable from Redis (%s); answering from PostgreSQL", e.getMessage());
                    return events.history(limit).map(entries -> new Page("postgres", entries));
                });
    }

    /** Redis answered with fewer than asked: all it has. If PostgreSQL knows more trips, it answers and Redis is rebuilt. */
    private Uni<Page> completeFromPostgres(Page fromRedis, int limit) {
        return events.tripCount()
                .chain(trips -> trips <= fromRedis.entries().size() ? Uni.createFrom().item(fromRedis)
                        : events.history(MAX_ENTRIES).call(this::rebuild).map(all -> {
                            Log.warnf("Breaker history in Redis held %d of %d trips: answered from PostgreSQL and rebuilt",
                                    fromRedis.entries().size(), trips);
                            return new Page("postgres", all.size() > limit ? all.subList(0, limit) : all);
                        }))
                .onFailure().recoverWithItem(e -> {
                    Log.warnf("Breaker history: PostgreSQL not readable (%s); answering from Redis", e.getMessage());
                    return fromRedis;
                });
    }

    private Uni<Void> rebuild(List<BreakerHistoryEntry> entries) {
        List<String> args = new ArrayList<>(List.of("EVAL", REBUILD, "1", keys.breakerHistory()));
        for (BreakerHistoryEntry entry : entries) {
            args.add(Long.toString(entry.trippedAt().toEpochMilli()));
            args.add(StateCodec.encode(entry));
        }
        return redis.execute(args.getFirst(), args.subList(1, args.size()).toArray(String[]::new))
                .ifNoItem().after(TIMEOUT).fail().replaceWithVoid()
                .onFailure().invoke(e -> Log.warnf("Breaker history not rebuilt in Redis: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    private static BreakerHistoryEntry parse(String member) {
        try {
            return ENTRIES.readValue(member, BreakerHistoryEntry.class);
        } catch (JsonProcessingException e) {
            Log.warnf("Unparsable breaker history entry skipped: %s", e.getOriginalMessage());
            return null;
        }
    }
}

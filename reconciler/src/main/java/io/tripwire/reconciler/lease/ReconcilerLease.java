package io.tripwire.reconciler.lease;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.heartbeat.InstanceId;
import io.tripwire.controlplane.keys.RedisKeys;
import io.tripwire.reconciler.config.ReconcilerConfig;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The single-active-reconciler lease: {@code reconciler:lease} = "{instance}|{token}" with a TTL, the
 * token from {@code INCR reconciler:fencing}. A new holder also raises {@code reconciler_fence.token} in
 * PostgreSQL, so a reconciler that lost its lease (paused, partitioned) has its writes refused in both
 * stores ({@link Fence}).
 */
@ApplicationScoped
public class ReconcilerLease {

    static final Duration TIMEOUT = Duration.ofSeconds(2);

    /**
     * Renews our own lease (returns its token), or takes a free one as "{instance}|pending" (returns -1);
     * 0 when someone else holds it.
     */
    private static final String ACQUIRE = """
            local current = redis.call('GET', KEYS[1])
            if current then
              local sep = string.find(current, '|', 1, true)
              if sep and string.sub(current, 1, sep - 1) == ARGV[1] then
                local token = tonumber(string.sub(current, sep + 1))
                if not token then return 0 end
                redis.call('PEXPIRE', KEYS[1], ARGV[2])
                return token
              end
              return 0
            end
            redis.call('SET', KEYS[1], ARGV[1] .. '|pending', 'PX', ARGV[2])
            return -1""";
    /** Turns our pending lease into "{instance}|{token}" once PostgreSQL handed out the token. */
    private static final String CONFIRM = """
            if redis.call('GET', KEYS[1]) ~= ARGV[1] .. '|pending' then return 0 end
            redis.call('SET', KEYS[1], ARGV[1] .. '|' .. ARGV[2], 'KEEPTTL')
            redis.call('SET', KEYS[2], ARGV[2])
            return 1""";
    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) return 1 end
            return 0""";
    /** PostgreSQL is the durable source of tokens: a Redis that lost its data never hands out an old one. */
    private static final String NEXT_TOKEN = "UPDATE reconciler_fence SET token = token + 1, holder = $1, updated_at = $2 "
            + "WHERE id = 1 RETURNING token";
    private static final String CURRENT_TOKEN = "SELECT token FROM reconciler_fence WHERE id = 1";

    private final ReactiveRedisDataSource redis;
    private final RedisKeys keys;
    private final Pool pool;
    private final String instance;
    private final Duration ttl;
    private final Clock clock;
    private final AtomicReference<Fence> held = new AtomicReference<>();

    public ReconcilerLease(ReactiveRedisDataSource redis, RedisKeys keys, Pool pool, InstanceId instance,
                           ReconcilerConfig config, Clock clock) {
        this.redis = redis;
        this.keys = keys;
        this.pool = pool;
        this.instance = instance.value();
        this.ttl = config.leaseTtl();
        this.clock = clock;
    }

    /** What an acquire attempt found. */
    public record Grant(Fence fence, boolean newlyAcquired) {
        public boolean active() {
            return fence != null;
        }
    }

    /** Takes or renews the lease; a grant without a fence means another instance is active. */
    public Uni<Grant> acquire() {
        return redis.execute("EVAL", ACQUIRE, "1", keys.reconcilerLease(), instance, Long.toString(ttl.toMillis()))
                .ifNoItem().after(TIMEOUT).fail()
                .map(r -> r.toLong())
                .chain(token -> {
                    Fence previous = held.get();
                    if (token == 0) {
                        return standby(previous);
                    }
                    if (token == -1) {
                        return takeNew();
                    }
                    if (previous != null && previous.token() == token) {
                        return Uni.createFrom().item(new Grant(previous, false));
                    }
                    return adopt(token); // our own lease from before a restart (same tripwire.instance-id)
                })
                .onFailure().invoke(e -> {
                    held.set(null);
                    Log.warnf("Reconciler lease check failed (%s): acting as standby", e.getMessage());
                });
    }

    private Uni<Grant> standby(Fence previous) {
        if (previous != null) {
            Log.warnf("Reconciler lease lost by %s (token %d): now standby", instance, previous.token());
        }
        held.set(null);
        return Uni.createFrom().item(new Grant(null, false));
    }

    private Uni<Grant> takeNew() {
        return pool.preparedQuery(NEXT_TOKEN).execute(Tuple.of(instance, clock.instant().atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.iterator().next().getLong(0))
                .chain(token -> redis.execute("EVAL", CONFIRM, "2", keys.reconcilerLease(), keys.reconcilerFencing(),
                                instance, Long.toString(token))
                        .ifNoItem().after(TIMEOUT).fail()
                        .map(r -> r.toLong() == 1 ? token : 0L))
                .chain(token -> {
                    if (token == 0) {
                        return standby(held.get());
                    }
                    Fence fence = new Fence(instance, token, keys, redis, pool);
                    held.set(fence);
                    Log.infof("Reconciler lease taken by %s with fencing token %d", instance, token);
                    return Uni.createFrom().item(new Grant(fence, true));
                });
    }

    private Uni<Grant> adopt(long token) {
        return pool.query(CURRENT_TOKEN).execute().map(rows -> rows.iterator().next().getLong(0)).chain(current -> {
            if (current != token) {
                Log.warnf("Lease %s|%d is older than fencing token %d: giving it up", instance, token, current);
                return redis.execute("EVAL", RELEASE, "1", keys.reconcilerLease(), instance + "|" + token)
                        .replaceWith(() -> standby(held.get())).chain(u -> u);
            }
            Fence fence = new Fence(instance, token, keys, redis, pool);
            held.set(fence);
            Log.infof("Reconciler lease of %s resumed with fencing token %d", instance, token);
            return Uni.createFrom().item(new Grant(fence, true));
        });
    }

    /** Gives the lease up (graceful shutdown), so a standby takes over at its next check. */
    public Uni<Void> release() {
        Fence fence = held.getAndSet(null);
        if (fence == null) {
            return Uni.createFrom().voidItem();
        }
        return redis.execute("EVAL", RELEASE, "1", keys.reconcilerLease(), fence.owner())
                .ifNoItem().after(TIMEOUT).fail().replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    /** The fence this instance holds now, or {@code null} when standby. */
    public Fence current() {
        return held.get();
    }

    /** "{instance}|{token}" of the active reconciler, or {@code null} when nobody holds the lease. */
    public Uni<String> holder() {
        return redis.value(String.class).get(keys.reconcilerLease()).ifNoItem().after(TIMEOUT).fail();
    }

    public String instance() {
        return instance;
    }

}

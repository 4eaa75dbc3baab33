package io.tripwire.reconciler.lease;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.keys.RedisKeys;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.List;

/**
 * The proof that this instance is the active reconciler: its fencing token. Every write that matters
 * goes through here: Redis writes run in a script that first checks {@code reconciler:lease} still
 * names this holder, PostgreSQL writes first lock {@code reconciler_fence} and compare the token.
 */
public final class Fence {

    private static final String GUARD = """
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
            """;
    private static final String LOCK = "SELECT token FROM reconciler_fence WHERE id = 1 FOR SHARE";

    private final String instance;
    private final long token;
    private final RedisKeys keys;
    private final ReactiveRedisDataSource redis;
    private final Pool pool;

    Fence(String instance, long token, RedisKeys keys, ReactiveRedisDataSource redis, Pool pool) {
        this.instance = instance;
        this.token = token;
        this.keys = keys;
        this.redis = redis;
        this.pool = pool;
    }

    public long token() {
        return token;
    }

    public String instance() {
        return instance;
    }

    /** The lease value this holder wrote. */
    public String owner() {
        return instance + "|" + token;
    }

    /**
     * Runs {@code body} (Lua, its own keys from KEYS[2] and arguments from ARGV[2]) only while this fence
     * holds the lease; fails with {@link FencedException} when it does not.
     */
    public Uni<Response> eval(String body, List<String> scriptKeys, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(GUARD + body);
        command.add(Integer.toString(scriptKeys.size() + 1));
        command.add(keys.reconcilerLease());
        command.addAll(scriptKeys);
        command.add(owner());
        command.addAll(args);
        return redis.execute("EVAL", command.toArray(String[]::new))
                .ifNoItem().after(ReconcilerLease.TIMEOUT).fail()
                .map(r -> {
                    if (r != null && r.type() == io.vertx.redis.client.ResponseType.NUMBER && r.toLong() == -1) {
                        throw new FencedException("lease " + owner() + " is no longer held");
                    }
                    return r;
                });
    }

    /** Fails with {@link FencedException} unless the lease still names this holder. */
    public Uni<Void> check() {
        return eval("return 1", List.of(), List.of()).replaceWithVoid();
    }

    /** In the caller's transaction: locks the PostgreSQL fence and fails unless it still carries this token. */
    public Uni<Void> check(SqlClient tx) {
        return tx.query(LOCK).execute().map(rows -> {
            long current = rows.iterator().next().getLong(0);
            if (current != token) {
                throw new FencedException("fencing token " + token + " superseded by " + current);
            }
            return null;
        });
    }

    /** A transaction that runs {@code work} only while this fence holds. */
    public <T> Uni<T> withTransaction(java.util.function.Function<SqlClient, Uni<T>> work) {
        return pool.withTransaction(tx -> check(tx).chain(() -> work.apply(tx)));
    }

}

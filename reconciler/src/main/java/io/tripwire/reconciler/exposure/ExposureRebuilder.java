package io.tripwire.reconciler.exposure;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.keys.RedisKeys;
import io.tripwire.reconciler.config.ReconcilerConfig;
import io.tripwire.reconciler.lease.Fence;
import io.tripwire.reconciler.positions.PositionRepository;
import io.tripwire.reconciler.run.RunLog;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rebuilds {@code exposure:{SYMBOL}} ({@code pos}/{@code wbuy}/{@code wsell}, 1e-8 units) for every
 * symbol of the universe, flat ones included, plus any symbol with a position or working order: pos
 * from the reconciled positions, working quantities from PostgreSQL's open orders ({@link ExposurePlan}).
 * Each hash is written by a fenced compare-and-set; a hash the gateway changed meanwhile is re-planned.
 */
@ApplicationScoped
public class ExposureRebuilder {

    private static final String WORKING = "SELECT symbol, side, sum(quantity - filled_qty) FROM orders "
            + "WHERE status IN ('NEW','SUBMITTED','UNKNOWN','ACCEPTED','PARTIALLY_FILLED') GROUP BY symbol, side";
    private static final String CAS = """
            local cur = redis.call('HMGET', KEYS[2], 'pos', 'wbuy', 'wsell')
            for i = 1, 3 do
              local c = cur[i]
              if not c then c = '' end
              if c ~= ARGV[i + 1] then return 0 end
            end
            redis.call('HSET', KEYS[2], 'pos', ARGV[5], 'wbuy', ARGV[6], 'wsell', ARGV[7])
            return 1""";
    private static final int ATTEMPTS = 3;

    private final ReactiveRedisDataSource redis;
    private final RedisKeys keys;
    private final PositionRepository positions;
    private final Pool pool;
    private final ReconcilerConfig config;
    private final Map<String, Long> surplus = new ConcurrentHashMap<>();

    public ExposureRebuilder(ReactiveRedisDataSource redis, RedisKeys keys, PositionRepository positions, Pool pool,
                             ReconcilerConfig config) {
        this.redis = redis;
        this.keys = keys;
        this.positions = positions;
        this.pool = pool;
        this.config = config;
    }

    public Uni<Void> rebuild(Fence fence, RunLog log) {
        return Uni.combine().all().unis(positions.all(), working()).asTuple().chain(both -> {
            Map<String, BigDecimal> pos = both.getItem1();
            Map<String, long[]> work = both.getItem2();
            TreeSet<String> symbols = new TreeSet<>();
            config.symbols().forEach(s -> symbols.add(s.trim().toUpperCase(Locale.ROOT)));
            pos.forEach((s, q) -> {
                if (q.signum() != 0) {
                    symbols.add(s);
                }
            });
            symbols.addAll(work.keySet());
            return Multi.createFrom().iterable(symbols)
                    .onItem().transformToUni(symbol -> {
                        long[] w = work.getOrDefault(symbol, new long[2]);
                        var target = new ExposurePlan.Values(Units.toUnits(pos.getOrDefault(symbol, BigDecimal.ZERO)), w[0], w[1]);
                        return write(fence, log, symbol, target, ATTEMPTS);
                    })
                    .merge(16)
                    .collect().last()
                    .invoke(() -> log.count("exposure_symbols", symbols.size()));
        }).replaceWithVoid();
    }

    /** Redis hash symbols that must exist: the universe. */
    public List<String> universe() {
        return config.symbols().stream().map(s -> s.trim().toUpperCase(Locale.ROOT)).toList();
    }

    private Uni<Void> write(Fence fence, RunLog log, String symbol, ExposurePlan.Values target, int attemptsLeft) {
        String key = keys.exposure(symbol);
        return redis.hash(String.class).hmget(key, "pos", "wbuy", "wsell").chain(raw -> {
            ExposurePlan.Values current = parse(raw);
            Map<String, Long> previous = Map.of("wbuy", surplus.getOrDefault(symbol + ":wbuy", 0L),
                    "wsell", surplus.getOrDefault(symbol + ":wsell", 0L));
            ExposurePlan.Decision d = ExposurePlan.decide(current, target, previous);
            surplus.put(symbol + ":wbuy", d.surplusBuy());
            surplus.put(symbol + ":wsell", d.surplusSell());
            if (d.write() == null) {
                return Uni.createFrom().voidItem();
            }
            List<String> args = List.of(text(raw.get("pos")), text(raw.get("wbuy")), text(raw.get("wsell")),
                    Long.toString(d.write().pos()), Long.toString(d.write().wbuy()), Long.toString(d.write().wsell()));
            return fence.eval(CAS, List.of(key), args).chain(r -> {
                if (r.toLong() == 1) {
                    if (d.restored()) {
                        log.mismatch("exposure", "exposure_restored", Map.of("symbol", symbol));
                    } else {
                        log.count("exposure_rewritten");
                    }
                    return Uni.createFrom().voidItem();
                }
                if (attemptsLeft <= 1) {
                    log.count("exposure_conflict_left_for_next_run");
                    return Uni.createFrom().voidItem();
                }
                return write(fence, log, symbol, target, attemptsLeft - 1);
            });
        });
    }

    private Uni<Map<String, long[]>> working() {
        return pool.query(WORKING).execute().map(rows -> {
            Map<String, long[]> out = new HashMap<>();
            rows.forEach(r -> out.computeIfAbsent(r.getString(0), s -> new long[2])
                    [("BUY".equals(r.getString(1))) ? 0 : 1] += Units.toUnits(r.getBigDecimal(2)));
            return out;
        });
    }

    static ExposurePlan.Values parse(Map<String, String> raw) {
        return new ExposurePlan.Values(number(raw.get("pos")), number(raw.get("wbuy")), number(raw.get("wsell")));
    }

    private static Long number(String value) {
        try {
            return value == null ? null : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}

package io.tripwire.papervenue.market;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** PostgreSQL access to {@code paper_venue.market_state}: the truth of where each price walk stands. */
@ApplicationScoped
public class MarketStateRepository {

    private static final String LOAD = "SELECT symbol, seed, step, last_ticks, day_open_ticks, day FROM paper_venue.market_state";
    private static final String UPSERT = """
            INSERT INTO paper_venue.market_state (symbol, seed, step, last_ticks, day_open_ticks, day, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (symbol) DO UPDATE SET seed = EXCLUDED.seed, step = EXCLUDED.step,
                last_ticks = EXCLUDED.last_ticks, day_open_ticks = EXCLUDED.day_open_ticks, day = EXCLUDED.day,
                updated_at = EXCLUDED.updated_at""";

    private final Pool pool;

    public MarketStateRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Map<String, WalkState>> load() {
        return pool.query(LOAD).execute().map(rows -> {
            Map<String, WalkState> states = new HashMap<>();
            rows.forEach(row -> states.put(row.getString("symbol"), from(row)));
            return states;
        });
    }

    public Uni<Void> save(List<WalkState> states, Instant at) {
        if (states.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> batch = states.stream()
                .map(s -> Tuple.from(Arrays.<Object>asList(s.symbol(), s.seed(), s.step(), s.lastTicks(), s.dayOpenTicks(),
                        s.day(), at.atOffset(ZoneOffset.UTC))))
                .toList();
        return pool.preparedQuery(UPSERT).executeBatch(batch).replaceWithVoid();
    }

    private static WalkState from(Row row) {
        return new WalkState(row.getString("symbol"), row.getLong("seed"), row.getLong("step"), row.getLong("last_ticks"),
                row.getLong("day_open_ticks"), row.getLocalDate("day"));
    }
}

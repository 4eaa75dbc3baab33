package io.tripwire.signal.trade;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What a strategy holds in a symbol, from the gateway's {@code orders} (PostgreSQL, the truth): filled buys minus
 * filled sells of its orders, and whether one of them is still working. Also links a recorded signal to its order.
 */
@ApplicationScoped
public class StrategyBook {

    private static final String HOLDING = """
            SELECT coalesce(sum(CASE WHEN side = 'BUY' THEN filled_qty ELSE -filled_qty END), 0) AS position,
                   count(*) FILTER (WHERE status IN ('NEW', 'SUBMITTED', 'UNKNOWN', 'ACCEPTED', 'PARTIALLY_FILLED')) AS working
            FROM orders WHERE strategy_id = $1 AND symbol = $2""";
    private static final String LINK = """
            UPDATE strategy_signals SET order_id = $4, order_outcome = $5
            WHERE artifact = $1 AND symbol = $2 AND bar_ts = $3""";

    public record Holding(BigDecimal position, long working) {
    }

    private final Pool pool;

    public StrategyBook(Pool pool) {
        this.pool = pool;
    }

    public Uni<Holding> holding(String strategy, String symbol) {
        return pool.preparedQuery(HOLDING).execute(Tuple.of(strategy, symbol)).map(rows -> {
            Row row = rows.iterator().next();
            return new Holding(row.getBigDecimal("position"), row.getLong("working"));
        });
    }

    public Uni<Void> link(long artifact, String symbol, OffsetDateTime barTs, UUID orderId, String outcome) {
        return pool.preparedQuery(LINK).execute(Tuple.of(artifact, symbol, barTs, orderId, outcome)).replaceWithVoid();
    }
}

package io.tripwire.signal.trade;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps seed 004's {@code agent_performance} (a view over {@code orders.pnl} per strategy) current from fills
 * (ADR 0044): every filled strategy exit (a SELL, long-only round trips) gets its realized P&L
 * {@code filled_qty × (exit avg price − average entry price)}, the entry being the strategy's filled buys of the
 * symbol since its previous exit. Idempotent (only rows still at 0 are computed), so a restart or two replicas
 * book the same numbers.
 */
@ApplicationScoped
public class PnlBooker {

    static final String BOOK = """
            UPDATE orders s SET pnl = sub.pnl
            FROM (SELECT x.id, round(x.filled_qty * (x.avg_fill_price - (
                         SELECT sum(b.filled_qty * b.avg_fill_price) / nullif(sum(b.filled_qty), 0) FROM orders b
                         WHERE b.strategy_id = x.strategy_id AND b.symbol = x.symbol AND b.side = 'BUY' AND b.filled_qty > 0
                           AND b.avg_fill_price IS NOT NULL AND b.created_at < x.created_at
                           AND b.created_at > coalesce((SELECT max(p.created_at) FROM orders p
                                 WHERE p.strategy_id = x.strategy_id AND p.symbol = x.symbol AND p.side = 'SELL'
                                   AND p.filled_qty > 0 AND p.created_at < x.created_at), '-infinity'))), 8) AS pnl
                  FROM orders x
                  WHERE x.strategy_id IS NOT NULL AND x.side = 'SELL' AND x.status = 'FILLED' AND x.pnl = 0
                    AND x.avg_fill_price IS NOT NULL) sub
            WHERE s.id = sub.id AND sub.pnl IS NOT NULL AND sub.pnl <> 0""";

    private final Pool pool;

    public PnlBooker(Pool pool) {
        this.pool = pool;
    }

    @Scheduled(every = "${signal.orders.pnl-interval:5s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "signal-pnl-booking")
    Uni<Void> scheduled() {
        return book().onFailure().invoke(e -> Log.warnf("P&L booking skipped: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Books every filled exit not booked yet; returns how many orders got their P&L. */
    public Uni<Integer> book() {
        return pool.query(BOOK).execute().map(rows -> {
            if (rows.rowCount() > 0) {
                Log.infof("realized P&L booked on %d strategy exit(s)", rows.rowCount());
            }
            return rows.rowCount();
        });
    }
}

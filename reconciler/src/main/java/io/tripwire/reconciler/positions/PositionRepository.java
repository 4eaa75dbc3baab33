package io.tripwire.reconciler.positions;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

/** PostgreSQL {@code positions} as the reconciler books and aligns them, and {@code position_bookings}. */
@ApplicationScoped
public class PositionRepository {

    /**
     * Books into {@code positions} every fill not booked yet (ours and orphans', signed), so PostgreSQL's
     * position = last aligned value + fills since. Returns the booked delta per symbol.
     */
    private static final String BOOK_FILLS = """
            WITH src AS (
              SELECT client_order_id, symbol, CASE WHEN side = 'BUY' THEN filled_qty ELSE -filled_qty END AS signed
              FROM orders WHERE filled_qty > 0
              UNION ALL
              SELECT client_order_id, symbol, CASE WHEN side = 'BUY' THEN filled_qty ELSE -filled_qty END
              FROM orphan_orders WHERE filled_qty > 0
            ), delta AS (
              SELECT s.client_order_id, s.symbol, s.signed, s.signed - COALESCE(b.booked_qty, 0) AS d
              FROM src s LEFT JOIN position_bookings b ON b.client_order_id = s.client_order_id
              WHERE s.signed <> COALESCE(b.booked_qty, 0)
            ), booked AS (
              INSERT INTO position_bookings (client_order_id, symbol, booked_qty, booked_at)
              SELECT client_order_id, symbol, signed, $1 FROM delta
              ON CONFLICT (client_order_id) DO UPDATE SET booked_qty = EXCLUDED.booked_qty, booked_at = EXCLUDED.booked_at
            ), per_symbol AS (
              SELECT symbol, sum(d) AS d FROM delta GROUP BY symbol
            ), upserted AS (
              INSERT INTO positions (symbol, quantity, updated_at) SELECT symbol, d, $1 FROM per_symbol
              ON CONFLICT (symbol) DO UPDATE SET quantity = positions.quantity + EXCLUDED.quantity,
                                                 updated_at = EXCLUDED.updated_at
            )
            SELECT symbol, d FROM per_symbol""";
    private static final String ALL = "SELECT symbol, quantity FROM positions";
    /**
     * Per symbol and side, what may have filled at the venue without being booked: the unfilled rest of
     * every order not yet terminal, plus the fills of orders that changed since the booking (B - 1 s).
     */
    private static final String IN_FLIGHT = """
            SELECT symbol,
                   COALESCE(sum(CASE WHEN status_rank < 10 THEN quantity - filled_qty ELSE 0 END
                                + CASE WHEN updated_at >= $1 THEN filled_qty ELSE 0 END) FILTER (WHERE side = 'BUY'), 0),
                   COALESCE(sum(CASE WHEN status_rank < 10 THEN quantity - filled_qty ELSE 0 END
                                + CASE WHEN updated_at >= $1 THEN filled_qty ELSE 0 END) FILTER (WHERE side = 'SELL'), 0)
            FROM orders WHERE status_rank < 10 OR updated_at >= $1 GROUP BY symbol""";
    private static final String ALIGN = """
            INSERT INTO positions (symbol, quantity, avg_entry_price, updated_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (symbol) DO UPDATE SET quantity = EXCLUDED.quantity,
                   avg_entry_price = COALESCE(EXCLUDED.avg_entry_price, positions.avg_entry_price), updated_at = EXCLUDED.updated_at""";

    private final Pool pool;

    public PositionRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Map<String, BigDecimal>> bookFills(SqlClient tx, Instant now) {
        return tx.preparedQuery(BOOK_FILLS).execute(Tuple.of(now.atOffset(ZoneOffset.UTC))).map(rows -> {
            Map<String, BigDecimal> out = new TreeMap<>();
            rows.forEach(r -> out.put(r.getString(0), r.getBigDecimal(1)));
            return out;
        });
    }

    /** Every PostgreSQL position (quantity per symbol). */
    public Uni<Map<String, BigDecimal>> all() {
        return pool.query(ALL).execute().map(rows -> {
            Map<String, BigDecimal> out = new TreeMap<>();
            rows.forEach(r -> out.put(r.getString(0), r.getBigDecimal(1)));
            return out;
        });
    }

    /** What orders in flight since {@code bookedAt} could still explain, per symbol (see {@link PositionDiff.InFlight}). */
    public Uni<Map<String, PositionDiff.InFlight>> inFlight(Instant bookedAt) {
        return pool.preparedQuery(IN_FLIGHT).execute(Tuple.of(bookedAt.minusSeconds(1).atOffset(ZoneOffset.UTC))).map(rows -> {
            Map<String, PositionDiff.InFlight> out = new TreeMap<>();
            rows.forEach(r -> out.put(r.getString(0), new PositionDiff.InFlight(r.getBigDecimal(1), r.getBigDecimal(2))));
            return out;
        });
    }

    public Uni<Void> align(SqlClient tx, String symbol, BigDecimal quantity, BigDecimal avgEntryPrice, Instant now) {
        return tx.preparedQuery(ALIGN).execute(Tuple.of(symbol, quantity, avgEntryPrice, now.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }
}

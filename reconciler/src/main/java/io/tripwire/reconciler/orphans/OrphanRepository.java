package io.tripwire.reconciler.orphans;

import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.venue.VenueOrder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** PostgreSQL access to {@code orphan_orders}. */
@ApplicationScoped
public class OrphanRepository {

    private static final String COLUMNS = "id, venue_order_id, client_order_id, symbol, side, quantity, filled_qty, status, "
            + "strategy, first_seen_at, last_seen_at, first_run_id, cleared_at, cleared_by, clear_reason";
    private static final String UPSERT = """
            INSERT INTO orphan_orders (venue_order_id, client_order_id, symbol, side, quantity, filled_qty, status,
                                       first_seen_at, last_seen_at, first_run_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9)
            ON CONFLICT (venue_order_id) DO UPDATE SET filled_qty = GREATEST(orphan_orders.filled_qty, EXCLUDED.filled_qty),
                   status = EXCLUDED.status, last_seen_at = EXCLUDED.last_seen_at
            RETURNING (xmax = 0) AS inserted""";
    private static final String OPEN_SYMBOLS = "SELECT DISTINCT symbol FROM orphan_orders WHERE cleared_at IS NULL ORDER BY symbol";
    private static final String BY_ID = "SELECT " + COLUMNS + " FROM orphan_orders WHERE id = $1";
    private static final String LIST = "SELECT " + COLUMNS + " FROM orphan_orders WHERE ($1 = 'all' OR ($1 = 'open') = (cleared_at IS NULL)) "
            + "ORDER BY id DESC LIMIT $2";
    private static final String CLEAR = "UPDATE orphan_orders SET cleared_at = $2, cleared_by = $3, clear_reason = $4 "
            + "WHERE id = $1 AND cleared_at IS NULL";
    private static final String OTHERS_OPEN = "SELECT count(*) FROM orphan_orders WHERE symbol = $1 AND id <> $2 AND cleared_at IS NULL";

    private final Pool pool;

    public OrphanRepository(Pool pool) {
        this.pool = pool;
    }

    /** Records (or refreshes) an orphan; true when it was seen for the first time. */
    public Uni<Boolean> upsert(SqlClient tx, VenueOrder o, String runId, Instant now) {
        Tuple row = Tuple.tuple().addString(o.venueOrderId()).addString(o.clientOrderId()).addString(o.symbol())
                .addString(o.buy() ? "BUY" : "SELL").addBigDecimal(o.quantity()).addBigDecimal(o.filledQty())
                .addString(o.status().name()).addOffsetDateTime(utc(now)).addString(runId);
        return tx.preparedQuery(UPSERT).execute(row).map(rows -> rows.iterator().next().getBoolean(0));
    }

    public Uni<List<String>> openSymbols() {
        return pool.query(OPEN_SYMBOLS).execute().map(rows -> {
            List<String> out = new ArrayList<>();
            rows.forEach(r -> out.add(r.getString(0)));
            return out;
        });
    }

    public Uni<OrphanOrder> find(long id) {
        return pool.preparedQuery(BY_ID).execute(Tuple.of(id)).map(rows -> rows.iterator().hasNext() ? from(rows.iterator().next()) : null);
    }

    /** {@code status} open, cleared or all; newest first. */
    public Uni<List<OrphanOrder>> list(String status, int limit) {
        return pool.preparedQuery(LIST).execute(Tuple.of(status, limit)).map(OrphanRepository::all);
    }

    /** True when this call cleared it (false: already cleared). */
    public Uni<Boolean> clear(SqlClient tx, long id, String actor, String reason, Instant now) {
        return tx.preparedQuery(CLEAR).execute(Tuple.of(id, utc(now), actor, reason)).map(r -> r.rowCount() == 1);
    }

    public Uni<Long> otherOpen(SqlClient client, String symbol, long excludingId) {
        return client.preparedQuery(OTHERS_OPEN).execute(Tuple.of(symbol, excludingId)).map(r -> r.iterator().next().getLong(0));
    }

    private static List<OrphanOrder> all(RowSet<Row> rows) {
        List<OrphanOrder> out = new ArrayList<>();
        rows.forEach(r -> out.add(from(r)));
        return out;
    }

    private static OrphanOrder from(Row r) {
        return new OrphanOrder(r.getLong("id"), r.getString("venue_order_id"), r.getString("client_order_id"),
                r.getString("symbol"), r.getString("side"), r.getBigDecimal("quantity"), r.getBigDecimal("filled_qty"),
                r.getString("status"), r.getString("strategy"), instant(r, "first_seen_at"), instant(r, "last_seen_at"),
                r.getString("first_run_id"), instant(r, "cleared_at"), r.getString("cleared_by"), r.getString("clear_reason"));
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

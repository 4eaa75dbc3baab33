package io.tripwire.papervenue.order;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** PostgreSQL access to {@code paper_venue.paper_orders}. Every status update is guarded by "still open". */
@ApplicationScoped
public class OrderRepository {

    static final String COLUMNS = "id, client_order_id, symbol, side, order_type, time_in_force, quantity, notional, "
            + "limit_price, requested_price, fill_price, filled_qty, slippage, slippage_bps, commission, status, pnl, "
            + "created_at, updated_at, submitted_at, filled_at, canceled_at, expired_at";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM paper_venue.paper_orders ";
    private static final String INSERT = "INSERT INTO paper_venue.paper_orders (" + COLUMNS + ") VALUES "
            + "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)";
    private static final String BY_ID = SELECT + "WHERE id = $1";
    private static final String BY_ID_LOCKED = BY_ID + " FOR UPDATE";
    private static final String BY_CLIENT_ID = SELECT + "WHERE client_order_id = $1";
    private static final String OPEN_LIMITS = SELECT + "WHERE status IN " + OrderStatus.OPEN_SQL
            + " AND order_type = 'LIMIT' ORDER BY created_at, id";
    private static final String OPEN_IDS = "SELECT id FROM paper_venue.paper_orders WHERE status IN " + OrderStatus.OPEN_SQL
            + " ORDER BY created_at, id";
    private static final String OPEN_BUY_RESERVE = "SELECT COALESCE(SUM(limit_price * quantity), 0) FROM paper_venue.paper_orders "
            + "WHERE status IN " + OrderStatus.OPEN_SQL + " AND side = 'BUY' AND order_type = 'LIMIT'";
    private static final String FILL = """
            UPDATE paper_venue.paper_orders SET status = 'filled', requested_price = $2, fill_price = $3, filled_qty = $4,
                slippage = $5, slippage_bps = $6, commission = $7, pnl = $8, filled_at = $9, updated_at = $9
            WHERE id = $1 AND status IN """ + OrderStatus.OPEN_SQL;
    private static final String CANCEL = "UPDATE paper_venue.paper_orders SET status = 'canceled', canceled_at = $2, updated_at = $2 "
            + "WHERE id = $1 AND status IN " + OrderStatus.OPEN_SQL;
    private static final String EXPIRE_DAY = "UPDATE paper_venue.paper_orders SET status = 'expired', expired_at = $1, updated_at = $1 "
            + "WHERE status IN " + OrderStatus.OPEN_SQL + " AND time_in_force = 'day' AND created_at < $2";

    public Uni<Void> insert(SqlClient tx, PaperOrder o) {
        Tuple row = Tuple.from(Arrays.<Object>asList(o.id(), o.clientOrderId(), o.symbol(), o.side().name(), o.type().name(),
                o.timeInForce().wire(), o.qty(), o.notional(), o.limitPrice(), o.requestedPrice(), o.fillPrice(), o.filledQty(),
                o.slippage(), o.slippageBps(), o.commission(), o.status().wire(), o.pnl(), utc(o.createdAt()),
                utc(o.updatedAt()), utc(o.submittedAt()), utc(o.filledAt()), utc(o.canceledAt()), utc(o.expiredAt())));
        return tx.preparedQuery(INSERT).execute(row).replaceWithVoid();
    }

    /** The order, or null. */
    public Uni<PaperOrder> find(SqlClient client, UUID id) {
        return client.preparedQuery(BY_ID).execute(Tuple.of(id)).map(OrderRepository::single);
    }

    /** The order locked for the rest of the transaction, or null. */
    public Uni<PaperOrder> lock(SqlClient tx, UUID id) {
        return tx.preparedQuery(BY_ID_LOCKED).execute(Tuple.of(id)).map(OrderRepository::single);
    }

    public Uni<PaperOrder> findByClientOrderId(SqlClient client, String clientOrderId) {
        return client.preparedQuery(BY_CLIENT_ID).execute(Tuple.of(clientOrderId)).map(OrderRepository::single);
    }

    public Uni<List<PaperOrder>> list(SqlClient client, OrderQuery query) {
        return client.preparedQuery(SELECT + query.whereClause()).execute(query.parameters()).map(OrderRepository::all);
    }

    public Uni<List<PaperOrder>> openLimitOrders(SqlClient client) {
        return client.query(OPEN_LIMITS).execute().map(OrderRepository::all);
    }

    public Uni<List<UUID>> openIds(SqlClient client) {
        return client.query(OPEN_IDS).execute().map(rows -> {
            List<UUID> ids = new ArrayList<>();
            rows.forEach(row -> ids.add(row.getUUID(0)));
            return ids;
        });
    }

    /** Cash held back for resting buy limits (limit × quantity). */
    public Uni<BigDecimal> openBuyReserve(SqlClient client) {
        return client.preparedQuery(OPEN_BUY_RESERVE).execute().map(rows -> rows.iterator().next().getBigDecimal(0));
    }

    /** True when the order was open and is now filled. */
    public Uni<Boolean> markFilled(SqlClient tx, UUID id, Fill fill, BigDecimal pnl, Instant at) {
        Tuple row = Tuple.from(Arrays.<Object>asList(id, fill.referencePrice(), fill.price(), fill.qty(), fill.slippage(),
                fill.slippageBps(), fill.commission(), pnl, utc(at)));
        return tx.preparedQuery(FILL).execute(row).map(rows -> rows.rowCount() == 1);
    }

    /** True when the order was open and is now canceled. */
    public Uni<Boolean> markCanceled(SqlClient tx, UUID id, Instant at) {
        return tx.preparedQuery(CANCEL).execute(Tuple.of(id, utc(at))).map(rows -> rows.rowCount() == 1);
    }

    /** Expires open DAY orders created before {@code dayStart}; returns how many. */
    public Uni<Integer> expireDayOrders(SqlClient client, Instant dayStart, Instant at) {
        return client.preparedQuery(EXPIRE_DAY).execute(Tuple.of(utc(at), utc(dayStart))).map(RowSet::rowCount);
    }

    private static PaperOrder single(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? from(rows.iterator().next()) : null;
    }

    private static List<PaperOrder> all(RowSet<Row> rows) {
        List<PaperOrder> orders = new ArrayList<>();
        rows.forEach(row -> orders.add(from(row)));
        return orders;
    }

    private static PaperOrder from(Row row) {
        return new PaperOrder(row.getUUID("id"), row.getString("client_order_id"), row.getString("symbol"),
                OrderSide.valueOf(row.getString("side")), OrderType.valueOf(row.getString("order_type")),
                TimeInForce.valueOf(row.getString("time_in_force").toUpperCase()), row.getBigDecimal("quantity"),
                row.getBigDecimal("notional"), row.getBigDecimal("limit_price"), row.getBigDecimal("requested_price"),
                row.getBigDecimal("fill_price"), row.getBigDecimal("filled_qty"), row.getBigDecimal("slippage"),
                row.getBigDecimal("slippage_bps"), row.getBigDecimal("commission"), OrderStatus.fromWire(row.getString("status")),
                row.getBigDecimal("pnl"), instant(row, "created_at"), instant(row, "updated_at"), instant(row, "submitted_at"),
                instant(row, "filled_at"), instant(row, "canceled_at"), instant(row, "expired_at"));
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}

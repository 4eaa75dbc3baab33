package io.tripwire.controlplane.order;

import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.state.StateCodec;
import io.vertx.mutiny.sqlclient.Pool;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** PostgreSQL access to {@code orders} and their append-only {@code order_events}. */
@ApplicationScoped
public class OrderRepository {

    private static final String COLUMNS = "id, client_order_id, request_hash, api_key_prefix, strategy_id, artifact_id, "
            + "symbol, side, order_type, time_in_force, quantity, limit_price, reference_price, reduce_only, confidence, "
            + "status, filled_qty, avg_fill_price, venue, venue_order_id, reject_code, reject_message, provenance, "
            + "created_at, updated_at";
    /** The order and its CREATED event in one statement: one round trip, atomic without an explicit transaction. */
    private static final String INSERT = "WITH created AS (INSERT INTO orders (" + COLUMNS + ", status_rank) VALUES "
            + "($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26) RETURNING id) "
            + "INSERT INTO order_events (order_id, event, status, actor, occurred_at) "
            + "SELECT id, 'CREATED', $16, $27, $24 FROM created";
    private static final String BY_ID = "SELECT " + COLUMNS + " FROM orders WHERE id = $1";
    private static final String OPEN = "SELECT " + COLUMNS + " FROM orders WHERE status IN "
            + "('NEW','SUBMITTED','ACCEPTED','PARTIALLY_FILLED','UNKNOWN') ORDER BY created_at LIMIT $1";
    /**
     * Orders the venue has or may have, that can still change there (not NEW: not sent; not UNKNOWN: the
     * reconciler's) and that have not changed since {@code $1}.
     */
    private static final String AT_VENUE = "SELECT " + COLUMNS + " FROM orders WHERE status IN "
            + "('SUBMITTED','ACCEPTED','PARTIALLY_FILLED') AND updated_at < $1 ORDER BY created_at LIMIT $2";
    private static final String BY_CLIENT_IDS = "SELECT " + COLUMNS + " FROM orders WHERE client_order_id = ANY($1)";
    private static final String RECENT = "SELECT " + COLUMNS + " FROM orders ORDER BY created_at DESC LIMIT $1";
    private static final String UNSENT = "SELECT " + COLUMNS + " FROM orders WHERE status = 'NEW' AND created_at < $1 "
            + "ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED";
    /**
     * Forward-only: the status rank never goes down and the filled quantity never decreases. Update, event
     * row and the updated order in one statement (one round trip, atomic).
     */
    private static final String ADVANCE = """
            WITH old AS (SELECT id, status, filled_qty FROM orders WHERE id = $1 FOR UPDATE),
            moved AS (
              UPDATE orders o SET status = $2, status_rank = $3, filled_qty = GREATEST(o.filled_qty, $4),
                     avg_fill_price = COALESCE($5, o.avg_fill_price), venue_order_id = COALESCE($6, o.venue_order_id),
                     reject_code = COALESCE($7, o.reject_code), reject_message = COALESCE($8, o.reject_message),
                     submitted_at = CASE WHEN $2 = 'SUBMITTED' THEN $9 ELSE o.submitted_at END, updated_at = $9
              FROM old WHERE o.id = old.id
                AND (o.status_rank < $3 OR (o.status_rank = $3 AND o.status_rank < 10 AND o.filled_qty < $4))
              RETURNING %s, old.status AS previous_status, old.filled_qty AS previous_filled),
            event AS (
              INSERT INTO order_events (order_id, event, status, filled_qty, fill_price, actor, details, occurred_at)
              SELECT id, 'STATUS', $2, $4, $5, $10, $11::text::jsonb, $9 FROM moved)
            SELECT * FROM moved""".formatted(java.util.Arrays.stream(COLUMNS.split(", "))
            .map(column -> "o." + column).collect(java.util.stream.Collectors.joining(", ")));

    private final Pool pool;

    public OrderRepository(Pool pool) {
        this.pool = pool;
    }

    /** What an advance changed: the status and filled quantity before it, and the order after it. */
    public record Advanced(OrderStatus previousStatus, BigDecimal previousFilled, Order order) {
    }

    /** Inserts the order with its CREATED event, atomically; {@code client} may be the pool or a transaction. */
    public Uni<Void> insert(SqlClient client, Order o, String actor) {
        Tuple row = Tuple.tuple()
                .addUUID(o.id()).addString(o.clientOrderId()).addString(o.requestHash()).addString(o.apiKeyPrefix())
                .addString(o.strategyId()).addString(o.artifactId()).addString(o.symbol()).addString(o.side().name())
                .addString(o.type().name()).addString(o.timeInForce().name()).addBigDecimal(o.quantity())
                .addBigDecimal(o.limitPrice()).addBigDecimal(o.referencePrice()).addBoolean(o.reduceOnly())
                .addBigDecimal(o.confidence()).addString(o.status().name()).addBigDecimal(o.filledQty())
                .addBigDecimal(o.avgFillPrice()).addString(o.venue()).addString(o.venueOrderId())
                .addString(o.rejectCode()).addString(o.rejectMessage()).addString(o.provenance())
                .addOffsetDateTime(utc(o.createdAt())).addOffsetDateTime(utc(o.updatedAt()))
                .addInteger(o.status().rank()).addString(actor);
        return client.preparedQuery(INSERT).execute(row).replaceWithVoid();
    }

    /**
     * Moves an order forward with an event row, in one statement; {@code null} item when the update would
     * not move it forward (an older or repeated venue report).
     */
    public Uni<Advanced> advance(UUID id, OrderStatus status, BigDecimal filledQty, BigDecimal avgPrice,
                                 String venueOrderId, String rejectCode, String rejectMessage, String actor,
                                 Map<String, Object> details, Instant at) {
        Tuple args = Tuple.tuple().addUUID(id).addString(status.name()).addInteger(status.rank())
                .addBigDecimal(filledQty).addBigDecimal(avgPrice).addString(venueOrderId).addString(rejectCode)
                .addString(rejectMessage).addOffsetDateTime(utc(at)).addString(actor)
                .addString(StateCodec.encode(details));
        return pool.preparedQuery(ADVANCE).execute(args).map(rows -> {
            if (!rows.iterator().hasNext()) {
                return null;
            }
            Row row = rows.iterator().next();
            return new Advanced(OrderStatus.valueOf(row.getString("previous_status")), row.getBigDecimal("previous_filled"),
                    from(row));
        });
    }

    public Uni<Order> find(UUID id) {
        return pool.preparedQuery(BY_ID).execute(Tuple.of(id)).map(OrderRepository::first);
    }

    public Uni<List<Order>> open(int limit) {
        return pool.preparedQuery(OPEN).execute(Tuple.of(limit)).map(OrderRepository::all);
    }

    /**
     * SUBMITTED, ACCEPTED and PARTIALLY_FILLED orders unchanged since {@code quietSince}, oldest first: what a
     * venue poll can move (fresher ones are still being answered by their submit).
     */
    public Uni<List<Order>> atVenue(Instant quietSince, int limit) {
        return pool.preparedQuery(AT_VENUE).execute(Tuple.of(utc(quietSince), limit)).map(OrderRepository::all);
    }

    /** The orders with these client order ids (any status); ids PostgreSQL does not know are simply absent. */
    public Uni<List<Order>> byClientOrderIds(List<String> clientOrderIds) {
        if (clientOrderIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return pool.preparedQuery(BY_CLIENT_IDS).execute(Tuple.of(clientOrderIds.toArray(String[]::new)))
                .map(OrderRepository::all);
    }

    public Uni<List<Order>> recent(int limit) {
        return pool.preparedQuery(RECENT).execute(Tuple.of(limit)).map(OrderRepository::all);
    }

    /** NEW orders older than {@code before}, locked for this transaction (several gateways may sweep). */
    public Uni<List<Order>> lockUnsent(SqlClient tx, Instant before, int limit) {
        return tx.preparedQuery(UNSENT).execute(Tuple.of(utc(before), limit)).map(OrderRepository::all);
    }

    private static Order first(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? from(rows.iterator().next()) : null;
    }

    private static List<Order> all(RowSet<Row> rows) {
        List<Order> orders = new ArrayList<>();
        rows.forEach(row -> orders.add(from(row)));
        return orders;
    }

    static Order from(Row r) {
        return new Order(r.getUUID("id"), r.getString("client_order_id"), r.getString("request_hash"),
                r.getString("api_key_prefix"), r.getString("strategy_id"), r.getString("artifact_id"),
                r.getString("symbol"), Side.valueOf(r.getString("side")), OrderType.valueOf(r.getString("order_type")),
                TimeInForce.valueOf(r.getString("time_in_force")), r.getBigDecimal("quantity"),
                r.getBigDecimal("limit_price"), r.getBigDecimal("reference_price"), r.getBoolean("reduce_only"),
                r.getBigDecimal("confidence"), OrderStatus.valueOf(r.getString("status")), r.getBigDecimal("filled_qty"),
                r.getBigDecimal("avg_fill_price"), r.getString("venue"), r.getString("venue_order_id"),
                r.getString("reject_code"), r.getString("reject_message"), r.getString("provenance"),
                instant(r, "created_at"), instant(r, "updated_at"));
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}

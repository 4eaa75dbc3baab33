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
    /** The SQL type of each inserted column, in the order of COLUMNS, then status_rank and the event's actor. */
    private static final List<String> INSERT_TYPES = List.of("uuid", "text", "text", "text", "text", "text", "text", "text",
            "text", "text", "numeric", "numeric", "numeric", "boolean", "numeric", "text", "numeric", "numeric", "text",
            "text", "text", "text", "text", "timestamptz", "timestamptz", "int", "text");
    /**
     * Orders and their CREATED events in one statement: one round trip and one commit for a whole group,
     * atomic without an explicit transaction. Numbers travel as text (exact, never a float on the way).
     */
    private static final String INSERT = "WITH input AS (SELECT * FROM unnest("
            + java.util.stream.IntStream.range(0, INSERT_TYPES.size())
                    .mapToObj(i -> "$" + (i + 1) + (INSERT_TYPES.get(i).equals("numeric") ? "::text[]" : "") + "::"
                            + INSERT_TYPES.get(i) + "[]")
                    .collect(java.util.stream.Collectors.joining(", "))
            + ") AS i(" + COLUMNS + ", status_rank, actor)), "
            + "created AS (INSERT INTO orders (" + COLUMNS + ", status_rank) SELECT " + COLUMNS + ", status_rank FROM input "
            + "RETURNING id, status, created_at) "
            + "INSERT INTO order_events (order_id, event, status, actor, occurred_at) "
            + "SELECT c.id, 'CREATED', c.status, i.actor, c.created_at FROM created c JOIN input i ON i.id = c.id";
    private static final String BY_ID = "SELECT " + COLUMNS + " FROM orders WHERE id = $1";
    private static final String OPEN = "SELECT " + COLUMNS + " FROM orders WHERE status IN "
            + "('NEW','SUBMITTED','ACCEPTED','PARTIALLY_FILLED','UNKNOWN') ORDER BY created_at LIMIT $1";
    /** Orders the venue has or may have and that can still change there (not NEW: not sent; not UNKNOWN: the reconciler's). */
    private static final String AT_VENUE = "SELECT " + COLUMNS + " FROM orders WHERE status IN "
            + "('SUBMITTED','ACCEPTED','PARTIALLY_FILLED') ORDER BY created_at LIMIT $1";
    private static final String BY_CLIENT_IDS = "SELECT " + COLUMNS + " FROM orders WHERE client_order_id = ANY($1)";
    private static final String RECENT = "SELECT " + COLUMNS + " FROM orders ORDER BY created_at DESC LIMIT $1";
    private static final String UNSENT = "SELECT " + COLUMNS + " FROM orders WHERE status = 'NEW' AND created_at < $1 "
            + "ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED";
    /**
     * Forward-only: the status rank never goes down and the filled quantity never decreases. Updates, event
     * rows and the updated orders for a whole group in one statement (one round trip, one commit). The
     * rows are locked in id order first, so two groups never deadlock on each other.
     */
    private static final String ADVANCE = """
            WITH input AS (
              SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[]::numeric[], $5::text[]::numeric[],
                                   $6::text[], $7::text[], $8::text[], $9::timestamptz[], $10::text[], $11::text[]::jsonb[])
                WITH ORDINALITY AS i(id, status, rank, filled, avg_price, venue_order_id, code, message, at, actor, details, ord)),
            old AS MATERIALIZED (SELECT o.id, o.status, o.filled_qty FROM orders o WHERE o.id IN (SELECT id FROM input)
              ORDER BY o.id FOR UPDATE),
            moved AS (
              UPDATE orders o SET status = i.status, status_rank = i.rank, filled_qty = GREATEST(o.filled_qty, i.filled),
                     avg_fill_price = COALESCE(i.avg_price, o.avg_fill_price),
                     venue_order_id = COALESCE(i.venue_order_id, o.venue_order_id),
                     reject_code = COALESCE(i.code, o.reject_code), reject_message = COALESCE(i.message, o.reject_message),
                     submitted_at = CASE WHEN i.status = 'SUBMITTED' THEN i.at ELSE o.submitted_at END, updated_at = i.at
              FROM input i JOIN old ON old.id = i.id
              WHERE o.id = i.id
                AND (o.status_rank < i.rank OR (o.status_rank = i.rank AND o.status_rank < 10 AND o.filled_qty < i.filled))
              RETURNING %s, old.status AS previous_status, old.filled_qty AS previous_filled, i.ord,
                        i.filled AS event_filled, i.avg_price AS event_price, i.actor AS event_actor,
                        i.details AS event_details, i.at AS event_at),
            event AS (
              INSERT INTO order_events (order_id, event, status, filled_qty, fill_price, actor, details, occurred_at)
              SELECT id, 'STATUS', status, event_filled, event_price, event_actor, event_details, event_at
              FROM moved ORDER BY ord)
            SELECT * FROM moved""".formatted(java.util.Arrays.stream(COLUMNS.split(", "))
            .map(column -> "o." + column).collect(java.util.stream.Collectors.joining(", ")));

    private final Pool pool;

    public OrderRepository(Pool pool) {
        this.pool = pool;
    }

    /** What an advance changed: the status and filled quantity before it, and the order after it. */
    public record Advanced(OrderStatus previousStatus, BigDecimal previousFilled, Order order) {
    }

    /** An order to insert and who creates it (the actor of its CREATED event). */
    public record NewOrder(Order order, String actor) {
    }

    /** Inserts the order with its CREATED event, atomically; {@code client} may be the pool or a transaction. */
    public Uni<Void> insert(SqlClient client, Order o, String actor) {
        return insertAll(client, List.of(new NewOrder(o, actor)));
    }

    /** Inserts orders with their CREATED events in one statement: all or none (a reused client_order_id fails all). */
    public Uni<Void> insertAll(SqlClient client, List<NewOrder> created) {
        int n = created.size();
        Object[][] columns = new Object[INSERT_TYPES.size()][];
        Class<?>[] types = {UUID.class, String.class, String.class, String.class, String.class, String.class, String.class,
                String.class, String.class, String.class, String.class, String.class, String.class, Boolean.class,
                String.class, String.class, String.class, String.class, String.class, String.class, String.class,
                String.class, String.class, OffsetDateTime.class, OffsetDateTime.class, Integer.class, String.class};
        for (int c = 0; c < columns.length; c++) {
            columns[c] = (Object[]) java.lang.reflect.Array.newInstance(types[c], n);
        }
        for (int i = 0; i < n; i++) {
            Order o = created.get(i).order();
            Object[] row = {o.id(), o.clientOrderId(), o.requestHash(), o.apiKeyPrefix(), o.strategyId(), o.artifactId(),
                    o.symbol(), o.side().name(), o.type().name(), o.timeInForce().name(), text(o.quantity()),
                    text(o.limitPrice()), text(o.referencePrice()), o.reduceOnly(), text(o.confidence()), o.status().name(),
                    text(o.filledQty()), text(o.avgFillPrice()), o.venue(), o.venueOrderId(), o.rejectCode(),
                    o.rejectMessage(), o.provenance(), utc(o.createdAt()), utc(o.updatedAt()), o.status().rank(),
                    created.get(i).actor()};
            for (int c = 0; c < columns.length; c++) {
                columns[c][i] = row[c];
            }
        }
        Tuple args = Tuple.tuple();
        for (Object[] column : columns) {
            args.addValue(column);
        }
        return client.preparedQuery(INSERT).execute(args).replaceWithVoid();
    }

    private static String text(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    /** One forward move of one order: the new status and fill, why, and who moved it. */
    public record Advance(UUID id, OrderStatus status, BigDecimal filledQty, BigDecimal avgPrice, String venueOrderId,
                          String rejectCode, String rejectMessage, String actor, Map<String, Object> details, Instant at) {
    }

    /**
     * Moves an order forward with an event row, in one statement; {@code null} item when the update would
     * not move it forward (an older or repeated venue report).
     */
    public Uni<Advanced> advance(UUID id, OrderStatus status, BigDecimal filledQty, BigDecimal avgPrice,
                                 String venueOrderId, String rejectCode, String rejectMessage, String actor,
                                 Map<String, Object> details, Instant at) {
        return advanceAll(List.of(new Advance(id, status, filledQty, avgPrice, venueOrderId, rejectCode, rejectMessage,
                actor, details, at))).map(List::getFirst);
    }

    /**
     * Moves several orders forward in one statement; the answer has one entry per move, in order, {@code null}
     * where the move would not have moved its order forward. The moves must name distinct orders.
     */
    public Uni<List<Advanced>> advanceAll(List<Advance> moves) {
        int n = moves.size();
        UUID[] ids = new UUID[n];
        String[] statuses = new String[n], filled = new String[n], prices = new String[n], venueIds = new String[n],
                codes = new String[n], messages = new String[n], actors = new String[n], details = new String[n];
        Integer[] ranks = new Integer[n];
        OffsetDateTime[] at = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            Advance m = moves.get(i);
            ids[i] = m.id();
            statuses[i] = m.status().name();
            ranks[i] = m.status().rank();
            filled[i] = text(m.filledQty());
            prices[i] = text(m.avgPrice());
            venueIds[i] = m.venueOrderId();
            codes[i] = m.rejectCode();
            messages[i] = m.rejectMessage();
            at[i] = utc(m.at());
            actors[i] = m.actor();
            details[i] = StateCodec.encode(m.details());
        }
        Tuple args = Tuple.tuple().addValue(ids).addValue(statuses).addValue(ranks).addValue(filled).addValue(prices)
                .addValue(venueIds).addValue(codes).addValue(messages).addValue(at).addValue(actors).addValue(details);
        return pool.preparedQuery(ADVANCE).execute(args).map(rows -> {
            Advanced[] answers = new Advanced[n];
            for (Row row : rows) {
                answers[(int) (row.getLong("ord") - 1)] = new Advanced(OrderStatus.valueOf(row.getString("previous_status")),
                        row.getBigDecimal("previous_filled"), from(row));
            }
            return java.util.Arrays.asList(answers);
        });
    }

    public Uni<Order> find(UUID id) {
        return pool.preparedQuery(BY_ID).execute(Tuple.of(id)).map(OrderRepository::first);
    }

    public Uni<List<Order>> open(int limit) {
        return pool.preparedQuery(OPEN).execute(Tuple.of(limit)).map(OrderRepository::all);
    }

    /** SUBMITTED, ACCEPTED and PARTIALLY_FILLED orders, oldest first: what a venue poll can move. */
    public Uni<List<Order>> atVenue(int limit) {
        return pool.preparedQuery(AT_VENUE).execute(Tuple.of(limit)).map(OrderRepository::all);
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

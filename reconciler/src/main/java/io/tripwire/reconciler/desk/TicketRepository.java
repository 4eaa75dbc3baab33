package io.tripwire.reconciler.desk;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** PostgreSQL desk tickets, their lines, confirmations and fills. */
@ApplicationScoped
public class TicketRepository {

    /** A stored ticket with its lines and whether it is confirmed (ACK for NO_TRADE, a fill per line for TRADE). */
    public record StoredTicket(String ticketId, LocalDate asofDate, String type, String sha256, String json, String markdown,
                               List<Ticket.Line> lines, boolean confirmed) {
        public boolean trade() {
            return Ticket.TRADE.equals(type);
        }
    }

    private static final String SELECT = """
            SELECT t.ticket_id, t.asof_date, t.ticket_type, t.sha256, t.rendered_json, t.rendered_md,
                   CASE WHEN t.ticket_type = 'NO_TRADE'
                        THEN EXISTS (SELECT 1 FROM desk_confirmations c WHERE c.ticket_id = t.ticket_id AND c.kind = 'ACK_NO_TRADE')
                        ELSE (SELECT count(*) FROM desk_fills f WHERE f.ticket_id = t.ticket_id)
                           = (SELECT count(*) FROM desk_ticket_lines l WHERE l.ticket_id = t.ticket_id) END AS confirmed
            FROM desk_tickets t""";

    private final Pool pool;

    public TicketRepository(Pool pool) {
        this.pool = pool;
    }

    /** Stores the ticket unless a run with the same inputs already did (same id); true when it is new. */
    public Uni<Boolean> insert(SqlClient c, Ticket t, String runId, Instant now) {
        return c.preparedQuery("""
                INSERT INTO desk_tickets (ticket_id, asof_date, ticket_type, sha256, rendered_json, rendered_md, first_run_id, created_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (ticket_id) DO NOTHING""")
                .execute(Tuple.tuple().addString(t.ticketId()).addLocalDate(t.asofDate()).addString(t.type()).addString(t.sha256())
                        .addString(t.json()).addString(t.markdown()).addString(runId).addOffsetDateTime(now.atOffset(ZoneOffset.UTC)))
                .chain(rows -> rows.rowCount() == 0 ? Uni.createFrom().item(false) : lines(c, t).replaceWith(true));
    }

    private Uni<Void> lines(SqlClient c, Ticket t) {
        if (t.lines().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> batch = t.lines().stream().map(l -> Tuple.tuple().addString(t.ticketId()).addInteger(l.sequence())
                .addString(l.symbol()).addString(l.side()).addBigDecimal(l.units()).addBigDecimal(l.limitPrice())
                .addInteger(l.maxSlippageBps())).toList();
        return c.preparedQuery("INSERT INTO desk_ticket_lines (ticket_id, sequence, symbol, side, units, limit_price, "
                + "max_slippage_bps) VALUES ($1, $2, $3, $4, $5, $6, $7)").executeBatch(batch).replaceWithVoid();
    }

    /** The newest ticket (by as-of date, then creation), or null. */
    public Uni<StoredTicket> latest() {
        return one(SELECT + " ORDER BY t.asof_date DESC, t.created_at DESC LIMIT 1", Tuple.tuple());
    }

    /** The newest ticket of a day before {@code asof} (the one a run must find confirmed), or null. */
    public Uni<StoredTicket> previous(LocalDate asof) {
        return one(SELECT + " WHERE t.asof_date < $1 ORDER BY t.asof_date DESC, t.created_at DESC LIMIT 1", Tuple.of(asof));
    }

    public Uni<StoredTicket> byId(String ticketId) {
        return one(SELECT + " WHERE t.ticket_id = $1", Tuple.of(ticketId));
    }

    private Uni<StoredTicket> one(String sql, Tuple args) {
        return pool.preparedQuery(sql).execute(args).chain(rows -> {
            Row r = DeskRepository.first(rows);
            if (r == null) {
                return Uni.createFrom().nullItem();
            }
            String id = r.getString("ticket_id");
            return pool.preparedQuery("SELECT sequence, symbol, side, units, limit_price, max_slippage_bps FROM desk_ticket_lines "
                    + "WHERE ticket_id = $1 ORDER BY sequence").execute(Tuple.of(id)).map(lines -> {
                        List<Ticket.Line> out = new ArrayList<>();
                        lines.forEach(l -> out.add(new Ticket.Line(l.getInteger("sequence"), l.getString("symbol"),
                                l.getString("side"), l.getBigDecimal("units"), l.getBigDecimal("limit_price"),
                                l.getInteger("max_slippage_bps"))));
                        return new StoredTicket(id, r.getLocalDate("asof_date"), r.getString("ticket_type"), r.getString("sha256"),
                                r.getString("rendered_json"), r.getString("rendered_md"), List.copyOf(out), r.getBoolean("confirmed"));
                    });
        });
    }

    /** Records an ACK once; true when it is new. */
    public Uni<Boolean> acknowledge(SqlClient c, String ticketId, String payload, String sha, String actor, Instant now) {
        return c.preparedQuery("""
                INSERT INTO desk_confirmations (ticket_id, kind, payload_sha256, payload, confirmed_by, created_at)
                SELECT $1, 'ACK_NO_TRADE', $2, $3::text::jsonb, $4, $5
                WHERE NOT EXISTS (SELECT 1 FROM desk_confirmations WHERE ticket_id = $1 AND kind = 'ACK_NO_TRADE')""")
                .execute(Tuple.tuple().addString(ticketId).addString(sha).addString(payload).addString(actor)
                        .addOffsetDateTime(now.atOffset(ZoneOffset.UTC))).map(rows -> rows.rowCount() == 1);
    }

    /** The fills already recorded for a ticket, by line, locked for the confirmation's transaction. */
    public Uni<Map<Integer, Fills.Fill>> fills(SqlClient c, String ticketId) {
        return c.preparedQuery("SELECT sequence, executed_status, units, price FROM desk_fills WHERE ticket_id = $1 FOR UPDATE")
                .execute(Tuple.of(ticketId)).map(rows -> {
                    Map<Integer, Fills.Fill> out = new HashMap<>();
                    rows.forEach(r -> out.put(r.getInteger("sequence"), new Fills.Fill(r.getInteger("sequence"),
                            r.getString("executed_status"), r.getBigDecimal("units"), r.getBigDecimal("price"))));
                    return out;
                });
    }

    /** Locks the ticket row so two confirmations of one ticket serialize. */
    public Uni<Void> lock(SqlClient c, String ticketId) {
        return c.preparedQuery("SELECT 1 FROM desk_tickets WHERE ticket_id = $1 FOR UPDATE").execute(Tuple.of(ticketId))
                .replaceWithVoid();
    }

    public Uni<Long> confirmation(SqlClient c, String ticketId, String payload, String sha, String actor, Instant now) {
        return c.preparedQuery("""
                INSERT INTO desk_confirmations (ticket_id, kind, payload_sha256, payload, confirmed_by, created_at)
                VALUES ($1, 'FILLS', $2, $3::text::jsonb, $4, $5) RETURNING id""")
                .execute(Tuple.tuple().addString(ticketId).addString(sha).addString(payload).addString(actor)
                        .addOffsetDateTime(now.atOffset(ZoneOffset.UTC))).map(rows -> DeskRepository.first(rows).getLong("id"));
    }

    public Uni<Void> fill(SqlClient c, String ticketId, Ticket.Line line, Fills.Fill f, long confirmationId, Instant now) {
        return c.preparedQuery("""
                INSERT INTO desk_fills (ticket_id, sequence, symbol, side, executed_status, units, price, confirmation_id, created_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)""")
                .execute(Tuple.tuple().addString(ticketId).addInteger(f.sequence()).addString(line.symbol()).addString(line.side())
                        .addString(f.status()).addBigDecimal(f.units()).addBigDecimal(f.price()).addLong(confirmationId)
                        .addOffsetDateTime(now.atOffset(ZoneOffset.UTC))).replaceWithVoid();
    }

    static boolean same(Fills.Fill a, Fills.Fill b) {
        return a.status().equals(b.status()) && a.units().compareTo(b.units()) == 0
                && (a.price() == null ? b.price() == null : b.price() != null && a.price().compareTo(b.price()) == 0);
    }

}

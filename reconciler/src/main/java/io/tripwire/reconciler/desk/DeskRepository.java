package io.tripwire.reconciler.desk;

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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** PostgreSQL desk tables (V13): runs, data-quality reports, reconciliations, tickets, the ledger views. */
@ApplicationScoped
public class DeskRepository {

    private final Pool pool;

    public DeskRepository(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    public Uni<Void> insertRun(SqlClient c, DeskRun r) {
        return c.preparedQuery("""
                INSERT INTO desk_runs (run_id, kind, asof_date, actor, gate_open, reasons, outcome, ticket_id, summary_path,
                       started_at, finished_at) VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7, $8, $9, $10, $11)""")
                .execute(Tuple.tuple().addString(r.runId()).addString(r.kind()).addLocalDate(r.asofDate()).addString(r.actor())
                        .addBoolean(r.gateOpen()).addString(StateCodec.encode(r.reasons())).addString(r.outcome())
                        .addString(r.ticketId()).addString(r.summaryPath()).addOffsetDateTime(r.startedAt().atOffset(ZoneOffset.UTC))
                        .addOffsetDateTime(r.finishedAt().atOffset(ZoneOffset.UTC))).replaceWithVoid();
    }

    /** The gate columns of a run, once the evaluation after it is recorded. */
    public Uni<Void> gateColumns(DeskRun r) {
        return pool.preparedQuery("UPDATE desk_runs SET gate_open = $2, reasons = $3::text::jsonb, finished_at = $4 WHERE run_id = $1")
                .execute(Tuple.tuple().addString(r.runId()).addBoolean(r.gateOpen()).addString(StateCodec.encode(r.reasons()))
                        .addOffsetDateTime(r.finishedAt().atOffset(ZoneOffset.UTC))).replaceWithVoid();
    }

    /** The newest runs, newest first. */
    public Uni<List<DeskRun>> recent(int limit) {
        return pool.preparedQuery("SELECT run_id, kind, asof_date, actor, gate_open, reasons::text AS reasons, outcome, ticket_id, "
                + "summary_path, started_at, finished_at FROM desk_runs ORDER BY started_at DESC LIMIT $1").execute(Tuple.of(limit))
                .map(rows -> {
                    List<DeskRun> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new DeskRun(r.getString("run_id"), r.getString("kind"), r.getLocalDate("asof_date"),
                            r.getString("actor"), r.getBoolean("gate_open"), strings(r.getString("reasons")), r.getString("outcome"),
                            r.getString("ticket_id"), r.getString("summary_path"), r.getOffsetDateTime("started_at").toInstant(),
                            r.getOffsetDateTime("finished_at").toInstant())));
                    return out;
                });
    }

    public Uni<Void> insertDataQuality(SqlClient c, String runId, LocalDate asof, DataQuality.Report r, Instant now) {
        return c.preparedQuery("""
                INSERT INTO desk_data_quality_reports (run_id, asof_date, passed, coverage_pct, issues, closes, created_at)
                VALUES ($1, $2, $3, $4, $5::text::jsonb, $6::text::jsonb, $7)""")
                .execute(Tuple.tuple().addString(runId).addLocalDate(asof).addBoolean(r.passed()).addBigDecimal(r.coveragePct())
                        .addString(StateCodec.encode(r.issues())).addString(StateCodec.encode(plain(r.closes())))
                        .addOffsetDateTime(now.atOffset(ZoneOffset.UTC))).replaceWithVoid();
    }

    /** The newest report of the day: passed and its closes, or null when the day has none. */
    public Uni<DataQualityView> latestDataQuality(LocalDate asof) {
        return pool.preparedQuery("SELECT passed, closes::text AS closes FROM desk_data_quality_reports WHERE asof_date = $1 "
                + "ORDER BY id DESC LIMIT 1").execute(Tuple.of(asof)).map(rows -> {
                    Row row = first(rows);
                    return row == null ? null : new DataQualityView(row.getBoolean("passed"), decimals(row.getString("closes")));
                });
    }

    public record DataQualityView(boolean passed, SortedMap<String, BigDecimal> closes) {
    }

    public Uni<Long> insertSnapshot(SqlClient c, SnapshotReconciliation.Snapshot s, String actor, Instant now) {
        return c.preparedQuery("""
                INSERT INTO desk_reconciliation_snapshots (snapshot_date, cash, positions, notes, recorded_by, created_at)
                VALUES ($1, $2, $3::text::jsonb, $4, $5, $6) RETURNING id""")
                .execute(Tuple.tuple().addLocalDate(s.date()).addBigDecimal(s.cash()).addString(StateCodec.encode(plain(s.positions())))
                        .addString(s.notes()).addString(actor).addOffsetDateTime(now.atOffset(ZoneOffset.UTC)))
                .map(rows -> first(rows).getLong("id"));
    }

    public Uni<Void> insertReconciliation(SqlClient c, String runId, long snapshotId, LocalDate date,
                                          SnapshotReconciliation.Result r, String reportPath, Instant now) {
        return c.preparedQuery("""
                INSERT INTO desk_reconciliation_results (run_id, snapshot_id, snapshot_date, passed, cash_diff, max_units_diff,
                       issues, report_path, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8, $9)""")
                .execute(Tuple.tuple().addString(runId).addLong(snapshotId).addLocalDate(date).addBoolean(r.passed())
                        .addBigDecimal(r.cashDiff()).addBigDecimal(r.maxUnitsDiff()).addString(StateCodec.encode(r.issues()))
                        .addString(reportPath).addOffsetDateTime(now.atOffset(ZoneOffset.UTC))).replaceWithVoid();
    }

    /** Whether the newest reconciliation with a snapshot date in [from, to] passed; null when there is none. */
    public Uni<Boolean> latestReconciliation(LocalDate from, LocalDate to) {
        return pool.preparedQuery("SELECT passed FROM desk_reconciliation_results WHERE snapshot_date BETWEEN $1 AND $2 "
                + "ORDER BY id DESC LIMIT 1").execute(Tuple.of(from, to))
                .map(rows -> first(rows) == null ? null : first(rows).getBoolean("passed"));
    }

    public Uni<SnapshotReconciliation.Ledger> ledger(SqlClient c) {
        return c.query("SELECT (SELECT cash FROM desk_cash_current) AS cash, "
                + "(SELECT coalesce(jsonb_object_agg(symbol, units::text), '{}'::jsonb) FROM desk_positions_current)::text AS positions")
                .execute().map(rows -> {
                    Row row = first(rows);
                    return new SnapshotReconciliation.Ledger(row.getBigDecimal("cash"), decimals(row.getString("positions")));
                });
    }

    public Uni<Void> ledgerEntry(SqlClient c, String source, String ref, String symbol, BigDecimal units, BigDecimal cash,
                                 BigDecimal price, String notes, String actor, Instant now) {
        return c.preparedQuery("""
                INSERT INTO desk_ledger (source, ref, symbol, units_delta, cash_delta, price, notes, actor, created_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)""")
                .execute(Tuple.tuple().addString(source).addString(ref).addString(symbol).addBigDecimal(units)
                        .addBigDecimal(cash).addBigDecimal(price).addString(notes).addString(actor)
                        .addOffsetDateTime(now.atOffset(ZoneOffset.UTC))).replaceWithVoid();
    }

    static Row first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? it.next() : null;
    }

    static SortedMap<String, String> plain(SortedMap<String, BigDecimal> m) {
        SortedMap<String, String> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.toPlainString()));
        return out;
    }

    static SortedMap<String, BigDecimal> decimals(String json) {
        SortedMap<String, BigDecimal> out = new TreeMap<>();
        if (json == null) {
            return out;
        }
        io.vertx.core.json.JsonObject o = new io.vertx.core.json.JsonObject(json);
        for (String k : o.fieldNames()) {
            out.put(k, new BigDecimal(String.valueOf(o.getValue(k))));
        }
        return out;
    }

    static List<String> strings(String json) {
        List<String> out = new ArrayList<>();
        new io.vertx.core.json.JsonArray(json).forEach(v -> out.add(String.valueOf(v)));
        return out;
    }
}

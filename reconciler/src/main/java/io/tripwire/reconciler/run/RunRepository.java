package io.tripwire.reconciler.run;

import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.state.StateCodec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** PostgreSQL {@code reconciliation_runs}. */
@ApplicationScoped
public class RunRepository {

    private static final String COLUMNS = "run_id, trigger, instance, fencing_token, state, started_at, finished_at, "
            + "duration_ms, high_water_mark, counts::text AS counts, report::text AS report, failure_reason, forced_by, forced_reason";
    private static final String INSERT = """
            INSERT INTO reconciliation_runs (run_id, trigger, instance, fencing_token, state, started_at, finished_at,
                   duration_ms, high_water_mark, counts, report, failure_reason, forced_by, forced_reason)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::text::jsonb, $11::text::jsonb, $12, $13, $14)""";
    private static final String FINISH = """
            UPDATE reconciliation_runs SET state = $2, finished_at = $3, duration_ms = $4, high_water_mark = $5,
                   counts = $6::text::jsonb, report = $7::text::jsonb, failure_reason = $8
            WHERE run_id = $1""";
    private static final String BY_ID = "SELECT " + COLUMNS + " FROM reconciliation_runs WHERE run_id = $1";
    private static final String RECENT = "SELECT " + COLUMNS + " FROM reconciliation_runs ORDER BY started_at DESC LIMIT $1";
    private static final String HIGH_WATER_MARK = "SELECT high_water_mark FROM reconciliation_runs WHERE state = 'READY' "
            + "AND high_water_mark IS NOT NULL ORDER BY finished_at DESC LIMIT 1";
    private static final String LAST_SUCCESS = "SELECT " + COLUMNS + " FROM reconciliation_runs WHERE state = 'READY' "
            + "ORDER BY finished_at DESC LIMIT 1";

    private final Pool pool;

    public RunRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> insert(SqlClient client, RunRecord r) {
        Tuple row = Tuple.tuple().addString(r.runId()).addString(r.trigger()).addString(r.instance())
                .addLong(r.fencingToken()).addString(r.state()).addOffsetDateTime(utc(r.startedAt()))
                .addOffsetDateTime(utc(r.finishedAt())).addLong(r.durationMs()).addOffsetDateTime(utc(r.highWaterMark()))
                .addString(StateCodec.encode(r.counts())).addString(StateCodec.encode(r.report()))
                .addString(r.failureReason()).addString(r.forcedBy()).addString(r.forcedReason());
        return client.preparedQuery(INSERT).execute(row).replaceWithVoid();
    }

    public Uni<Void> finish(SqlClient client, RunLog log, String state, Instant finishedAt, Instant highWaterMark,
                            String failureReason) {
        long durationMs = finishedAt.toEpochMilli() - log.startedAt().toEpochMilli();
        Tuple row = Tuple.tuple().addString(log.runId()).addString(state).addOffsetDateTime(utc(finishedAt))
                .addLong(durationMs).addOffsetDateTime(utc(highWaterMark)).addString(StateCodec.encode(log.counts()))
                .addString(StateCodec.encode(log.entries())).addString(failureReason);
        return client.preparedQuery(FINISH).execute(row).replaceWithVoid();
    }

    public Uni<RunRecord> find(String runId) {
        return pool.preparedQuery(BY_ID).execute(Tuple.of(runId))
                .map(rows -> rows.iterator().hasNext() ? from(rows.iterator().next()) : null);
    }

    public Uni<List<RunRecord>> recent(int limit) {
        return pool.preparedQuery(RECENT).execute(Tuple.of(limit)).map(rows -> {
            List<RunRecord> out = new ArrayList<>();
            rows.forEach(r -> out.add(from(r)));
            return out;
        });
    }

    public Uni<RunRecord> lastSuccess() {
        return pool.query(LAST_SUCCESS).execute().map(rows -> rows.iterator().hasNext() ? from(rows.iterator().next()) : null);
    }

    /** Start of the last successful run: venue orders submitted before it were all seen then. */
    public Uni<Instant> highWaterMark() {
        return pool.query(HIGH_WATER_MARK).execute().map(rows -> rows.iterator().hasNext()
                ? rows.iterator().next().getOffsetDateTime(0).toInstant() : null);
    }

    private static RunRecord from(Row r) {
        return new RunRecord(r.getString("run_id"), r.getString("trigger"), r.getString("instance"),
                r.getLong("fencing_token"), r.getString("state"), instant(r, "started_at"), instant(r, "finished_at"),
                r.getLong("duration_ms"), instant(r, "high_water_mark"),
                new JsonObject(r.getString("counts")).getMap(), new JsonArray(r.getString("report")).getList(),
                r.getString("failure_reason"), r.getString("forced_by"), r.getString("forced_reason"));
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}

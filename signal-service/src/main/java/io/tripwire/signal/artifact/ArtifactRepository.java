package io.tripwire.signal.artifact;

import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.artifact.ArtifactState;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** SQL of {@code strategy_artifacts}, {@code artifact_approvals} and {@code artifact_state_changes}. */
@ApplicationScoped
public class ArtifactRepository {

    private static final String COLUMNS = "id, artifact_id, strategy_name, strategy_version, hash, state, payload::text AS payload_text, "
            + "created_by, created_at, state_changed_at, state_changed_by";

    private final Pool pool;

    public ArtifactRepository(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    public Uni<Artifact> insert(SqlClient tx, String artifactId, String strategyName, String strategyVersion, String hash,
                                String canonicalPayload, String createdBy, Instant createdAt) {
        return tx.preparedQuery("INSERT INTO strategy_artifacts (artifact_id, strategy_name, strategy_version, hash, state, payload, "
                        + "created_by, created_at, state_changed_at, state_changed_by) "
                        + "VALUES ($1, $2, $3, $4, 'DRAFT', $5::text::jsonb, $6, $7, $7, $6) RETURNING " + COLUMNS)
                .execute(Tuple.of(artifactId, strategyName, strategyVersion, hash, canonicalPayload, createdBy)
                        .addOffsetDateTime(createdAt.atOffset(ZoneOffset.UTC)))
                .map(rows -> map(rows.iterator().next()));
    }

    public Uni<Optional<Artifact>> find(String artifactId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM strategy_artifacts WHERE artifact_id = $1")
                .execute(Tuple.of(artifactId)).map(ArtifactRepository::first);
    }

    public Uni<Optional<Artifact>> lock(SqlClient tx, String artifactId) {
        return tx.preparedQuery("SELECT " + COLUMNS + " FROM strategy_artifacts WHERE artifact_id = $1 FOR UPDATE")
                .execute(Tuple.of(artifactId)).map(ArtifactRepository::first);
    }

    /** Locks every artifact of a strategy, oldest first (a rollback changes several). */
    public Uni<List<Artifact>> lockStrategy(SqlClient tx, String strategyName) {
        return tx.preparedQuery("SELECT " + COLUMNS + " FROM strategy_artifacts WHERE strategy_name = $1 ORDER BY id FOR UPDATE")
                .execute(Tuple.of(strategyName)).map(ArtifactRepository::all);
    }

    public Uni<List<Artifact>> list(Optional<ArtifactState> state, int limit) {
        return state.map(s -> pool.preparedQuery("SELECT " + COLUMNS + " FROM strategy_artifacts WHERE state = $1 "
                                + "ORDER BY created_at DESC, id DESC LIMIT $2").execute(Tuple.of(s.name(), limit)))
                .orElseGet(() -> pool.preparedQuery("SELECT " + COLUMNS + " FROM strategy_artifacts ORDER BY created_at DESC, id DESC LIMIT $1")
                        .execute(Tuple.of(limit)))
                .map(ArtifactRepository::all);
    }

    /** APPROVED and ACTIVE artifacts, the only ones a model may be loaded from. */
    public Uni<List<Artifact>> usable() {
        return pool.query("SELECT " + COLUMNS + " FROM strategy_artifacts WHERE state IN ('APPROVED', 'ACTIVE') ORDER BY id")
                .execute().map(ArtifactRepository::all);
    }

    /** Moves the state; the trigger checks the move again and logs it in artifact_state_changes with this actor and reason. */
    public Uni<Artifact> moveState(SqlClient tx, long id, ArtifactState to, String actor, String reason) {
        return tx.preparedQuery("SELECT set_config('tripwire.actor', $1, true), set_config('tripwire.reason', $2, true)")
                .execute(Tuple.of(actor, reason == null ? "" : reason))
                .chain(() -> tx.preparedQuery("UPDATE strategy_artifacts SET state = $2 WHERE id = $1 RETURNING " + COLUMNS)
                        .execute(Tuple.of(id, to.name())))
                .map(rows -> map(rows.iterator().next()));
    }

    public Uni<Void> insertApproval(SqlClient tx, long artifact, String approver, ApprovalType type, ArtifactState from,
                                    ArtifactState to, String notes, Instant at) {
        return tx.preparedQuery("INSERT INTO artifact_approvals (artifact, approver, approval_type, from_state, to_state, notes, approved_at) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .execute(Tuple.of(artifact, approver, type.name(), from.name(), to.name(), notes).addOffsetDateTime(at.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    public Uni<List<Map<String, Object>>> approvals(long artifact) {
        return pool.preparedQuery("SELECT approver, approval_type, from_state, to_state, notes, approved_at FROM artifact_approvals "
                        + "WHERE artifact = $1 ORDER BY id").execute(Tuple.of(artifact))
                .map(rows -> rowsAsMaps(rows, "approver", "approval_type", "from_state", "to_state", "notes", "approved_at"));
    }

    public Uni<List<Map<String, Object>>> stateChanges(long artifact) {
        return pool.preparedQuery("SELECT from_state, to_state, changed_by, reason, changed_at FROM artifact_state_changes "
                        + "WHERE artifact = $1 ORDER BY id").execute(Tuple.of(artifact))
                .map(rows -> rowsAsMaps(rows, "from_state", "to_state", "changed_by", "reason", "changed_at"));
    }

    private static List<Map<String, Object>> rowsAsMaps(RowSet<Row> rows, String... columns) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> m = new TreeMap<>();
            for (String c : columns) {
                Object v = r.getValue(c);
                m.put(c, v instanceof java.time.temporal.Temporal ? r.getOffsetDateTime(c).toInstant().toString() : v);
            }
            out.add(m);
        }
        return out;
    }

    private static Optional<Artifact> first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? Optional.of(map(it.next())) : Optional.empty();
    }

    private static List<Artifact> all(RowSet<Row> rows) {
        List<Artifact> out = new ArrayList<>();
        rows.forEach(r -> out.add(map(r)));
        return out;
    }

    static Artifact map(Row r) {
        return new Artifact(r.getLong("id"), r.getString("artifact_id"), r.getString("strategy_name"), r.getString("strategy_version"),
                r.getString("hash"), ArtifactState.valueOf(r.getString("state")), r.getString("payload_text"), r.getString("created_by"),
                r.getOffsetDateTime("created_at").toInstant(), r.getOffsetDateTime("state_changed_at").toInstant(),
                r.getString("state_changed_by"));
    }
}

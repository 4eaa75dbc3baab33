package io.tripwire.gateway.artifact;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.artifact.ArtifactHash;
import io.tripwire.controlplane.artifact.ArtifactState;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.reject.RejectException;
import io.tripwire.gateway.order.OrderRequest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;

/**
 * DESIGN.md §4 step 3, "strategy artifact APPROVED/ACTIVE" (ADR 0043). A risk-increasing order that names an
 * artifact needs it APPROVED or ACTIVE in PostgreSQL, its hash still matching its payload, and its strategy
 * equal to the order's {@code strategy_id}; a strategy order (strategy_id set) without an artifact is refused
 * too. Manual orders (no strategy, no artifact), reduce-only and flatten orders are not checked. Refusal:
 * 422 {@code ARTIFACT_NOT_APPROVED}; PostgreSQL unreachable: 503 {@code CONTROL_PLANE_UNAVAILABLE} (fail closed).
 */
@ApplicationScoped
public class ArtifactGate {

    private static final String BY_NAME = "SELECT artifact_id, strategy_name, strategy_version, state, payload::text AS payload, "
            + "hash FROM strategy_artifacts WHERE artifact_id = $1";
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final Pool pool;

    public ArtifactGate(Pool pool) {
        this.pool = pool;
    }

    /** Completes when the order may go on; fails with a {@link RejectException} otherwise. */
    public Uni<Void> check(OrderRequest order, boolean riskReducing) {
        if (riskReducing || (order.artifactId() == null && order.strategyId() == null)) {
            return Uni.createFrom().voidItem();
        }
        if (order.artifactId() == null) {
            return refuse("strategy orders must name an approved artifact", "MISSING", Map.of("strategy_id", order.strategyId()));
        }
        return pool.preparedQuery(BY_NAME).execute(Tuple.of(order.artifactId()))
                .ifNoItem().after(TIMEOUT).fail()
                .onFailure().transform(e -> {
                    Log.warnf("artifact %s could not be read (%s): order refused", order.artifactId(), e.getMessage());
                    return new RejectException(RejectCode.CONTROL_PLANE_UNAVAILABLE, "strategy artifact could not be checked");
                })
                .chain(rows -> {
                    RowIterator<Row> it = rows.iterator();
                    return it.hasNext() ? verify(order, it.next()) : refuse("unknown artifact " + order.artifactId(),
                            "UNKNOWN", Map.of("artifact_id", order.artifactId()));
                });
    }

    private Uni<Void> verify(OrderRequest order, Row row) {
        String artifactId = row.getString("artifact_id");
        ArtifactState state = ArtifactState.valueOf(row.getString("state"));
        if (!state.usable()) {
            return refuse("artifact " + artifactId + " is " + state + ", not APPROVED or ACTIVE", "NOT_APPROVED",
                    Map.of("artifact_id", artifactId, "state", state.name()));
        }
        if (!hashMatches(row)) {
            Log.errorf("artifact %s: stored hash does not match its payload (tampered): order refused", artifactId);
            return refuse("artifact " + artifactId + " failed its integrity check", "HASH_MISMATCH",
                    Map.of("artifact_id", artifactId, "state", state.name()));
        }
        String strategy = row.getString("strategy_name");
        if (order.strategyId() != null && !order.strategyId().equals(strategy)) {
            return refuse("artifact " + artifactId + " belongs to strategy " + strategy, "STRATEGY_MISMATCH",
                    Map.of("artifact_id", artifactId, "strategy_id", order.strategyId(), "artifact_strategy", strategy));
        }
        return Uni.createFrom().voidItem();
    }

    private static boolean hashMatches(Row row) {
        try {
            String computed = ArtifactHash.of(row.getString("artifact_id"), row.getString("strategy_name"),
                    row.getString("strategy_version"), ArtifactHash.parse(row.getString("payload")));
            return computed.equals(row.getString("hash"));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Uni<Void> refuse(String message, String reason, Map<String, Object> details) {
        Map<String, Object> body = new java.util.HashMap<>(details);
        body.put("reason", reason);
        return Uni.createFrom().failure(new RejectException(RejectCode.ARTIFACT_NOT_APPROVED, message, Map.copyOf(body)));
    }
}

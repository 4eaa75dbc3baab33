package io.tripwire.reconciler.positions;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.alert.Alert;
import io.tripwire.controlplane.alert.AlertPublisher;
import io.tripwire.controlplane.alert.Severity;
import io.tripwire.controlplane.control.ControlChanges;
import io.tripwire.controlplane.control.ControlStateService;
import io.tripwire.reconciler.config.ReconcilerConfig;
import io.tripwire.reconciler.run.RunLog;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A position difference beyond tolerance: the breaker trips (RECONCILIATION_MISMATCH) through the
 * control plane, the trip is logged in {@code circuit_breaker_events}, and a CRITICAL alert is raised.
 */
@ApplicationScoped
public class PositionMismatchHandler {

    public static final String TRIP_REASON = "RECONCILIATION_MISMATCH";
    private static final String EVENT = """
            INSERT INTO circuit_breaker_events (event, reason, details, threshold_value, actual_value, actor, created_at)
            VALUES ('TRIP', $1, $2::text::jsonb, $3, $4, 'system:reconciler', $5)""";

    private final ControlStateService control;
    private final AlertPublisher alerts;
    private final Pool pool;
    private final ReconcilerConfig config;
    private final Clock clock;

    public PositionMismatchHandler(ControlStateService control, AlertPublisher alerts, Pool pool, ReconcilerConfig config,
                                   Clock clock) {
        this.control = control;
        this.alerts = alerts;
        this.pool = pool;
        this.config = config;
        this.clock = clock;
    }

    public Uni<Void> handle(RunLog log, List<PositionDiff.Delta> mismatches) {
        if (mismatches.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = clock.instant();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("run_id", log.runId());
        details.put("tolerance", config.positionTolerance().toPlainString());
        BigDecimal worst = BigDecimal.ZERO;
        for (PositionDiff.Delta d : mismatches) {
            details.put(d.symbol(), "postgres " + d.postgres().toPlainString() + ", venue " + d.venue().toPlainString());
            worst = worst.max(d.difference().abs());
        }
        String symbols = String.join(",", mismatches.stream().map(PositionDiff.Delta::symbol).toList());
        String reason = TRIP_REASON + ": positions differ from the venue beyond tolerance (" + symbols + ")";
        Log.errorf("Run %s: %s; tripping the breaker", log.runId(), reason);
        BigDecimal actual = worst;
        return control.apply(ControlChanges.tripBreaker(reason, details, "system:reconciler", now))
                .call(result -> result.changed()
                        ? pool.preparedQuery(EVENT).execute(Tuple.of(reason, io.tripwire.controlplane.state.StateCodec.encode(details),
                                config.positionTolerance(), actual, now.atOffset(ZoneOffset.UTC))).replaceWithVoid()
                        : Uni.createFrom().voidItem())
                .invoke(result -> log.count(result.changed() ? "breaker_tripped" : "breaker_already_tripped"))
                .chain(() -> alerts.publish(new Alert(Severity.CRITICAL, "reconciler",
                        "Position mismatch with the venue (" + symbols + "): breaker tripped, PostgreSQL aligned to the venue",
                        details, io.tripwire.controlplane.alert.AlertKeys.POSITION_MISMATCH, false, now)))
                .replaceWithVoid();
    }
}

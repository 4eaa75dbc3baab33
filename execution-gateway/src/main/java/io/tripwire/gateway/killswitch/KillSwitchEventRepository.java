package io.tripwire.gateway.killswitch;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.control.ControlStateRepairs;
import io.tripwire.controlplane.state.KillSwitchMode;
import io.tripwire.controlplane.state.StateCodec;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code kill_switch_events} (seed 004's table): activation, escalation, deactivation, each cancel-all,
 * each flatten order and the moment the venue reports flat. Secondary record: the switch itself is in
 * {@code control_state}/{@code control_events}/{@code audit_log}, so a failed insert never fails it; it is
 * retried until PostgreSQL takes it (lost only if this process dies first).
 */
@ApplicationScoped
public class KillSwitchEventRepository {

    /** Event names in the {@code event} column. */
    public enum Kind { ACTIVATE, ESCALATE, DEACTIVATE, CANCEL_ALL, CANCEL_ALL_FAILED, FLATTEN_ORDER, FLATTEN_COMPLETE }

    // Idempotent on (event, trigger_user, created_at): a retry after a write whose commit was not seen adds no second row.
    private static final String INSERT = """
            INSERT INTO kill_switch_events (event, mode, is_activation, reason, trigger_source, trigger_user, details, created_at)
            SELECT $1, $2, $3, $4, $5, $6, $7::text::jsonb, $8
            WHERE NOT EXISTS (SELECT 1 FROM kill_switch_events
                              WHERE event = $1 AND trigger_user IS NOT DISTINCT FROM $6 AND created_at = $8)""";

    private static final java.time.Duration TIMEOUT = java.time.Duration.ofSeconds(3);

    private final Pool pool;
    private final Clock clock;
    private final ControlStateRepairs repairs;

    public KillSwitchEventRepository(Pool pool, Clock clock, ControlStateRepairs repairs) {
        this.pool = pool;
        this.clock = clock;
        this.repairs = repairs;
    }

    /** Never fails: a row PostgreSQL could not take is retried in the background until it lands. */
    public Uni<Void> record(Kind kind, KillSwitchMode mode, String reason, String source, String user,
                            Map<String, Object> details) {
        boolean activation = kind == Kind.ACTIVATE || kind == Kind.ESCALATE;
        Tuple row = Tuple.tuple().addString(kind.name()).addString(mode == null ? null : mode.name())
                .addBoolean(activation).addString(reason).addString(source).addString(user)
                .addString(StateCodec.encode(details)).addOffsetDateTime(clock.instant().atOffset(ZoneOffset.UTC));
        Supplier<Uni<Void>> insert = () -> pool.preparedQuery(INSERT).execute(row).replaceWithVoid()
                .ifNoItem().after(TIMEOUT).fail();
        return insert.get()
                .onFailure().invoke(e -> {
                    Log.errorf("kill_switch_events %s not written: %s; retrying in background", kind, e.getMessage());
                    repairs.scheduleRecord("kill_switch_events " + kind + " row", insert);
                })
                .onFailure().recoverWithNull();
    }
}

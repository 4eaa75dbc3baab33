package io.tripwire.gateway.killswitch;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.state.KillSwitchMode;
import io.tripwire.controlplane.state.StateCodec;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * {@code kill_switch_events} (seed 004's table): activation, escalation, deactivation, each cancel-all,
 * each flatten order and the moment the venue reports flat. Secondary record: the switch itself is in
 * {@code control_state}/{@code control_events}/{@code audit_log}, so a failed insert is logged, not fatal.
 */
@ApplicationScoped
public class KillSwitchEventRepository {

    /** Event names in the {@code event} column. */
    public enum Kind { ACTIVATE, ESCALATE, DEACTIVATE, CANCEL_ALL, CANCEL_ALL_FAILED, FLATTEN_ORDER, FLATTEN_COMPLETE }

    private static final String INSERT = """
            INSERT INTO kill_switch_events (event, mode, is_activation, reason, trigger_source, trigger_user, details, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8)""";

    private static final java.time.Duration TIMEOUT = java.time.Duration.ofSeconds(3);

    private final Pool pool;
    private final Clock clock;

    public KillSwitchEventRepository(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /** Best effort: never fails. */
    public Uni<Void> record(Kind kind, KillSwitchMode mode, String reason, String source, String user,
                            Map<String, Object> details) {
        boolean activation = kind == Kind.ACTIVATE || kind == Kind.ESCALATE;
        Tuple row = Tuple.tuple().addString(kind.name()).addString(mode == null ? null : mode.name())
                .addBoolean(activation).addString(reason).addString(source).addString(user)
                .addString(StateCodec.encode(details)).addOffsetDateTime(clock.instant().atOffset(ZoneOffset.UTC));
        return pool.preparedQuery(INSERT).execute(row).replaceWithVoid()
                .ifNoItem().after(TIMEOUT).fail()
                .onFailure().invoke(e -> Log.errorf("kill_switch_events %s not written: %s", kind, e.getMessage()))
                .onFailure().recoverWithNull();
    }
}

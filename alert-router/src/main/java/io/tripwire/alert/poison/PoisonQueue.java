package io.tripwire.alert.poison;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.tripwire.alert.delivery.Delivery;
import io.tripwire.controlplane.alert.Severity;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Gives a delivery up: {@code poison} (permanent error or attempts used up) or {@code expired} (an SMS past its
 * TTL). For a critical alert's trigger the next escalation target not yet used for that alert gets a new pending
 * delivery in the same transaction, so giving up on one channel never leaves a critical alert untold.
 */
@ApplicationScoped
public class PoisonQueue {

    private static final String GIVE_UP = "UPDATE alert_deliveries SET status = $3, failed_at = $4, error_message = $5, "
            + "claimed_by = NULL, next_attempt_at = NULL, updated_at = $4 WHERE id = $1 AND status = 'in_progress' AND claimed_at = $2";
    private static final String ESCALATE = """
            INSERT INTO alert_deliveries (alert_id, channel, recipient, kind, status, severity, priority, dedup_key,
                                          escalated_from, created_at, updated_at)
            SELECT a.id, e.t->>'channel', e.t->>'recipient', 'trigger', 'pending', a.severity, 0, a.dedup_key, $2, $3, $3
            FROM alerts a, jsonb_array_elements(a.escalation) WITH ORDINALITY AS e(t, ord)
            WHERE a.id = $1 AND NOT EXISTS (SELECT 1 FROM alert_deliveries d WHERE d.alert_id = a.id AND d.kind = 'trigger'
                  AND d.channel = e.t->>'channel' AND d.recipient = e.t->>'recipient')
            ORDER BY e.ord LIMIT 1
            RETURNING id, channel""";

    private final Pool pool;

    public PoisonQueue(Pool pool) {
        this.pool = pool;
    }

    /** Result of giving up: whether the row was still ours, and the escalation delivery created (or null). */
    public record GiveUp(boolean updated, Long escalatedTo, String escalatedChannel) {
    }

    public Uni<GiveUp> poison(Delivery d, String error, Instant now) {
        return giveUp(d, "poison", error, now);
    }

    public Uni<GiveUp> expire(Delivery d, String reason, Instant now) {
        return giveUp(d, "expired", reason, now);
    }

    private Uni<GiveUp> giveUp(Delivery d, String status, String error, Instant now) {
        var at = now.atOffset(ZoneOffset.UTC);
        return pool.withTransaction(tx -> tx.preparedQuery(GIVE_UP)
                .execute(Tuple.of(d.id(), d.claimedAt().atOffset(ZoneOffset.UTC), status, at, error))
                .chain(rows -> rows.rowCount() != 1 ? Uni.createFrom().item(new GiveUp(false, null, null))
                        : escalate(tx, d, now)))
                .invoke(g -> log(d, status, error, g));
    }

    private Uni<GiveUp> escalate(SqlClient tx, Delivery d, Instant now) {
        if (d.severity() != Severity.CRITICAL || d.resolve()) {
            return Uni.createFrom().item(new GiveUp(true, null, null));
        }
        return tx.preparedQuery(ESCALATE).execute(Tuple.of(d.alertId(), d.id(), now.atOffset(ZoneOffset.UTC))).map(rows -> {
            var it = rows.iterator();
            if (!it.hasNext()) {
                return new GiveUp(true, null, null);
            }
            var row = it.next();
            return new GiveUp(true, row.getLong("id"), row.getString("channel"));
        });
    }

    private static void log(Delivery d, String status, String error, GiveUp g) {
        if (!g.updated()) {
            return;
        }
        Log.warnf("Delivery %d (%s alert %d, %s) %s: %s", d.id(), d.severity(), d.alertId(), d.channel().wire(), status, error);
        if (g.escalatedTo() != null) {
            Log.warnf("CRITICAL alert %d escalated from %s to %s (delivery %d)", d.alertId(), d.channel().wire(),
                    g.escalatedChannel(), g.escalatedTo());
        } else if (d.severity() == Severity.CRITICAL && !d.resolve()) {
            Log.errorf("CRITICAL alert %d: %s delivery %d given up and no escalation target is left; see the poison queue",
                    d.alertId(), d.channel().wire(), d.id());
        }
    }
}

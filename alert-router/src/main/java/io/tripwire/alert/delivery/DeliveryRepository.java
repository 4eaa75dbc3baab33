package io.tripwire.alert.delivery;

import io.smallrye.mutiny.Uni;
import io.tripwire.alert.routing.Channel;
import io.tripwire.controlplane.alert.Severity;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * State changes of {@code alert_deliveries} made by the workers. Claims use {@code FOR UPDATE SKIP LOCKED}, so any
 * number of router instances share the work; every later update is fenced by (status in_progress, claimed_at).
 */
@ApplicationScoped
public class DeliveryRepository {

    private static final String CLAIM = """
            WITH due AS (
              SELECT d.id FROM alert_deliveries d
              WHERE d.status IN ('pending', 'failed') AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= $1)
                AND (d.follows IS NULL OR EXISTS (SELECT 1 FROM alert_deliveries t
                     WHERE t.id = d.follows AND t.status IN ('delivered', 'poison', 'expired')))
              ORDER BY d.priority, d.id LIMIT $2 FOR UPDATE OF d SKIP LOCKED)
            UPDATE alert_deliveries d SET status = 'in_progress', claimed_at = $1, claimed_by = $3,
                   retry_count = d.retry_count + 1, updated_at = $1
            FROM due, alerts a WHERE d.id = due.id AND a.id = d.alert_id
            RETURNING d.id, d.alert_id, d.channel, d.recipient, d.kind, d.severity, d.dedup_key, d.retry_count,
                      d.requeued_at, a.source, a.summary, a.details::text AS details, a.created_at AS alert_created_at""";
    private static final String FENCE = " WHERE id = $1 AND status = 'in_progress' AND claimed_at = $2";
    private static final String DELIVERED = "UPDATE alert_deliveries SET status = 'delivered', delivered_at = $3, provider_ref = $4, "
            + "error_message = NULL, claimed_by = NULL, updated_at = $3" + FENCE;
    private static final String RETRY = "UPDATE alert_deliveries SET status = 'failed', failed_at = $3, next_attempt_at = $4, "
            + "error_message = $5, claimed_by = NULL, updated_at = $3" + FENCE;
    private static final String DEFER = "UPDATE alert_deliveries SET status = 'pending', next_attempt_at = $3, "
            + "retry_count = greatest(retry_count - 1, 0), claimed_by = NULL, updated_at = $4" + FENCE;
    private static final String RECLAIM = """
            UPDATE alert_deliveries SET status = 'failed', next_attempt_at = $1, failed_at = $1, claimed_by = NULL,
                   error_message = 'attempt did not finish (worker presumed dead); retried', updated_at = $1
            WHERE status = 'in_progress' AND claimed_at < $2""";

    private final Pool pool;

    public DeliveryRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<Delivery>> claim(int limit, String instance, Instant now) {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(utc(now), limit, instance)).map(rows -> {
            List<Delivery> claimed = new ArrayList<>();
            rows.forEach(row -> claimed.add(from(row, now)));
            return claimed;
        });
    }

    public Uni<Boolean> delivered(Delivery d, String providerRef, Instant now) {
        return update(DELIVERED, Tuple.of(d.id(), utc(d.claimedAt()), utc(now), providerRef));
    }

    public Uni<Boolean> retryLater(Delivery d, Instant nextAttempt, String error, Instant now) {
        return update(RETRY, Tuple.of(d.id(), utc(d.claimedAt()), utc(now), utc(nextAttempt), error));
    }

    /** Puts a throttled delivery back without counting the attempt. */
    public Uni<Boolean> defer(Delivery d, Instant nextAttempt, Instant now) {
        return update(DEFER, Tuple.of(d.id(), utc(d.claimedAt()), utc(nextAttempt), utc(now)));
    }

    /** In-progress rows claimed before {@code claimedBefore} go back to 'failed', due now; returns how many. */
    public Uni<Integer> reclaimStuck(Instant claimedBefore, Instant now) {
        return pool.preparedQuery(RECLAIM).execute(Tuple.of(utc(now), utc(claimedBefore))).map(rows -> rows.rowCount());
    }

    private Uni<Boolean> update(String sql, Tuple args) {
        return pool.preparedQuery(sql).execute(args).map(rows -> rows.rowCount() == 1);
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Delivery from(Row row, Instant claimedAt) {
        OffsetDateTime requeued = row.getOffsetDateTime("requeued_at");
        return new Delivery(row.getLong("id"), row.getLong("alert_id"), Channel.fromWire(row.getString("channel")).orElseThrow(),
                row.getString("recipient"), "resolve".equals(row.getString("kind")), Severity.valueOf(row.getString("severity")),
                row.getString("dedup_key"), row.getInteger("retry_count"), requeued == null ? null : requeued.toInstant(),
                claimedAt, row.getString("source"), row.getString("summary"), row.getString("details"),
                row.getOffsetDateTime("alert_created_at").toInstant());
    }
}

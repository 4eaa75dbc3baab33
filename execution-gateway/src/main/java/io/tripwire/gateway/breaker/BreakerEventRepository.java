package io.tripwire.gateway.breaker;

import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.state.StateCodec;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code circuit_breaker_events}: one row per trip and reset, the table seed 004's runbook queries
 * ({@code SELECT reason, details, threshold_value, actual_value ...}). Also the history's fallback when
 * Redis is unavailable.
 */
@ApplicationScoped
public class BreakerEventRepository {

    // Idempotent on (event, actor, created_at): a retry after a write whose commit was not seen adds no second row.
    private static final String INSERT = """
            INSERT INTO circuit_breaker_events (event, reason, details, threshold_value, actual_value, actor, created_at)
            SELECT $1, $2, $3::text::jsonb, $4, $5, $6, $7
            WHERE NOT EXISTS (SELECT 1 FROM circuit_breaker_events
                              WHERE event = $1 AND actor IS NOT DISTINCT FROM $6 AND created_at = $7)""";
    private static final String NEWEST = """
            SELECT event, reason, details::text AS details, threshold_value, actual_value, actor, created_at
            FROM circuit_breaker_events ORDER BY created_at DESC, id DESC LIMIT $1""";

    private static final String TRIPS = "SELECT count(*) AS trips FROM circuit_breaker_events WHERE event = 'TRIP'";

    private static final java.time.Duration TIMEOUT = java.time.Duration.ofSeconds(3);

    private final Pool pool;

    public BreakerEventRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> trip(TripCommand command, Instant at) {
        return insert("TRIP", command.reason().name(), command.details(), command.thresholdValue(),
                command.actualValue(), command.actor(), at);
    }

    public Uni<Void> reset(String reason, String actor, Instant quietUntil, Instant at) {
        return insert("RESET", reason, Map.of("reset_by", actor, "quiet_until", quietUntil.toString()), null, null,
                actor, at);
    }

    /** The newest {@code limit} trips with their resets paired in, newest first, rebuilt from the rows. */
    public Uni<List<BreakerHistoryEntry>> history(int limit) {
        return pool.preparedQuery(NEWEST).execute(Tuple.of(limit * 2 + 1)).ifNoItem().after(TIMEOUT).fail().map(rows -> {
            List<Row> oldestFirst = new ArrayList<>();
            rows.forEach(row -> oldestFirst.add(0, row));
            List<BreakerHistoryEntry> entries = new ArrayList<>();
            for (Row row : oldestFirst) {
                if ("TRIP".equals(row.getString("event"))) {
                    entries.add(0, trip(row));
                } else if (!entries.isEmpty() && entries.get(0).resetAt() == null) {
                    entries.set(0, entries.get(0).withReset(instant(row), row.getString("actor"), row.getString("reason")));
                }
            }
            return entries.size() > limit ? entries.subList(0, limit) : entries;
        });
    }

    /** How many trips PostgreSQL holds: the history in Redis is complete only if it holds as many (up to its cap). */
    public Uni<Long> tripCount() {
        return pool.query(TRIPS).execute().ifNoItem().after(TIMEOUT).fail()
                .map(rows -> rows.iterator().next().getLong("trips"));
    }

    private Uni<Void> insert(String event, String reason, Map<String, Object> details, BigDecimal threshold,
                             BigDecimal actual, String actor, Instant at) {
        Tuple row = Tuple.tuple().addString(event).addString(reason).addString(StateCodec.encode(details))
                .addBigDecimal(threshold).addBigDecimal(actual).addString(actor)
                .addOffsetDateTime(at.atOffset(ZoneOffset.UTC));
        return pool.preparedQuery(INSERT).execute(row).ifNoItem().after(TIMEOUT).fail().replaceWithVoid();
    }

    @SuppressWarnings("unchecked")
    private static BreakerHistoryEntry trip(Row row) {
        Map<String, Object> details = (Map<String, Object>) StateCodec.decode(row.getString("details"), Map.class)
                .orElseThrow();
        return new BreakerHistoryEntry(instant(row), row.getString("reason"), (String) details.get("message"),
                row.getString("actor"), plain(row.getBigDecimal("threshold_value")),
                plain(row.getBigDecimal("actual_value")), details, null, null, null);
    }

    private static Instant instant(Row row) {
        return row.getOffsetDateTime("created_at").toInstant();
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros().toPlainString();
    }
}

package io.tripwire.alert.intake;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.smallrye.mutiny.Uni;
import io.tripwire.alert.poison.DeliveryQueries;
import io.tripwire.alert.poison.DeliveryView;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.reject.RejectException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads of {@code alerts} for the API. */
@ApplicationScoped
public class AlertQueries {

    private static final String COLUMNS = "id, dedup_key, severity, status, source, summary, details::text AS details, intake, "
            + "is_open, resolves, duplicates, created_at, received_at, last_seen_at, closed_at";
    private static final String LIST = "SELECT " + COLUMNS + " FROM alerts WHERE ($1::text IS NULL OR status = $1 "
            + "OR ($1 = 'open' AND is_open)) ORDER BY id DESC LIMIT $2";
    private static final String ONE = "SELECT " + COLUMNS + " FROM alerts WHERE id = $1";

    /** One alert; {@code duplicates} counts the repeats that were not sent again. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record AlertView(long id, String dedupKey, String severity, String status, String source, String summary,
                            @JsonRawValue String details, String intake, boolean open, Long resolves, int duplicates,
                            Instant createdAt, Instant receivedAt, Instant lastSeenAt, Instant closedAt) {
    }

    /** An alert and every delivery made for it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record AlertWithDeliveries(AlertView alert, List<DeliveryView> deliveries) {
    }

    private final Pool pool;
    private final DeliveryQueries deliveries;

    public AlertQueries(Pool pool, DeliveryQueries deliveries) {
        this.pool = pool;
        this.deliveries = deliveries;
    }

    public Uni<List<AlertView>> alerts(String status, int limit) {
        return pool.preparedQuery(LIST).execute(Tuple.of(status, limit)).map(rows -> {
            List<AlertView> views = new ArrayList<>();
            rows.forEach(row -> views.add(from(row)));
            return views;
        });
    }

    public Uni<AlertWithDeliveries> alert(long id) {
        return pool.preparedQuery(ONE).execute(Tuple.of(id)).chain(rows -> {
            var it = rows.iterator();
            if (!it.hasNext()) {
                return Uni.createFrom().failure(new RejectException(RejectCode.NOT_FOUND, "no alert " + id));
            }
            AlertView alert = from(it.next());
            return deliveries.ofAlert(id).map(list -> new AlertWithDeliveries(alert, list));
        });
    }

    private static AlertView from(Row r) {
        return new AlertView(r.getLong("id"), r.getString("dedup_key"), r.getString("severity"), r.getString("status"),
                r.getString("source"), r.getString("summary"), r.getString("details"), r.getString("intake"),
                r.getBoolean("is_open"), r.getLong("resolves"), r.getInteger("duplicates"), r.getOffsetDateTime("created_at").toInstant(),
                r.getOffsetDateTime("received_at").toInstant(), r.getOffsetDateTime("last_seen_at").toInstant(),
                r.getOffsetDateTime("closed_at") == null ? null : r.getOffsetDateTime("closed_at").toInstant());
    }
}

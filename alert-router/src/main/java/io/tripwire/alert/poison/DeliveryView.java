package io.tripwire.alert.poison;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;

/** One {@code alert_deliveries} row as the API shows it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DeliveryView(long id, long alertId, String channel, String recipient, String kind, String status,
                           String severity, String dedupKey, int retryCount, Instant nextAttemptAt, Instant deliveredAt,
                           Instant failedAt, String errorMessage, String providerRef, Long follows, Long escalatedFrom,
                           Instant requeuedAt, Instant createdAt, Instant updatedAt) {

    public static final String COLUMNS = "id, alert_id, channel, recipient, kind, status, severity, dedup_key, retry_count, "
            + "next_attempt_at, delivered_at, failed_at, error_message, provider_ref, follows, escalated_from, requeued_at, "
            + "created_at, updated_at";

    public static DeliveryView from(Row r) {
        return new DeliveryView(r.getLong("id"), r.getLong("alert_id"), r.getString("channel"), r.getString("recipient"),
                r.getString("kind"), r.getString("status"), r.getString("severity"), r.getString("dedup_key"),
                r.getInteger("retry_count"), at(r, "next_attempt_at"), at(r, "delivered_at"), at(r, "failed_at"),
                r.getString("error_message"), r.getString("provider_ref"), r.getLong("follows"), r.getLong("escalated_from"),
                at(r, "requeued_at"), at(r, "created_at"), at(r, "updated_at"));
    }

    private static Instant at(Row r, String column) {
        OffsetDateTime value = r.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}

package io.tripwire.console.audit;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.qute.TemplateData;
import io.vertx.mutiny.sqlclient.Row;

/** One audit_log row as text, for the page and the CSV export (same columns). */
@TemplateData
@JsonPropertyOrder({"id", "occurredAt", "actor", "action", "resourceType", "resourceId", "reason", "details", "outcome", "hash"})
public record AuditRow(long id, String occurredAt, String actor, String action, String resourceType, String resourceId,
                       String reason, String details, String outcome, String hash) {

    static final String COLUMNS = "id, occurred_at, actor, action, resource_type, resource_id, reason, details::text, outcome, hash";

    static AuditRow from(Row r) {
        return new AuditRow(r.getLong(0), r.getOffsetDateTime(1).toInstant().toString(), r.getString(2), r.getString(3),
                text(r.getString(4)), text(r.getString(5)), text(r.getString(6)), text(r.getString(7)), r.getString(8),
                r.getString(9));
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}

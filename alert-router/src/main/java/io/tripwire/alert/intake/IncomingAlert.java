package io.tripwire.alert.intake;

import io.tripwire.controlplane.alert.Severity;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An alert as received, before dedup and routing. {@code streamId} is set for stream entries (idempotent
 * re-reads); {@code poisonReason} is set for an entry that could not be parsed: it is stored with its raw fields
 * and its deliveries go straight to the poison queue.
 */
public record IncomingAlert(Severity severity, String source, String summary, Map<String, Object> details,
                            Map<String, String> labels, String dedupKey, boolean resolved, Instant createdAt,
                            Intake intake, String streamId, String poisonReason) {

    /** Where an alert came in. */
    public enum Intake { STREAM, API, ALERTMANAGER }

    public IncomingAlert {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(dedupKey, "dedupKey");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(intake, "intake");
        details = details == null ? Map.of() : details;
        labels = labels == null ? Map.of() : labels;
    }

    public IncomingAlert withStreamId(String id) {
        return new IncomingAlert(severity, source, summary, details, labels, dedupKey, resolved, createdAt, intake, id, poisonReason);
    }
}

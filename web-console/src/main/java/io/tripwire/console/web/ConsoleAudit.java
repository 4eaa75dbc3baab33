package io.tripwire.console.web;

import io.quarkus.logging.Log;
import io.tripwire.controlplane.audit.AuditEntry;
import io.tripwire.controlplane.audit.AuditWriter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;

/**
 * The console's own {@code audit_log} rows (control-plane AuditWriter, hash-chained): every login,
 * logout and action, with the operator's name as actor ({@code operator:<username>}) and the outcome
 * ({@code SUCCESS}, {@code REFUSED} by the gateway or by validation, {@code DENIED} by role or CSRF,
 * {@code FAILED} when the gateway did not answer).
 */
@ApplicationScoped
public class ConsoleAudit {

    public static final String SUCCESS = "SUCCESS";
    public static final String REFUSED = "REFUSED";
    public static final String DENIED = "DENIED";
    public static final String FAILED = "FAILED";

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final AuditWriter writer;

    public ConsoleAudit(AuditWriter writer) {
        this.writer = writer;
    }

    /** Appends one row; false (and an error log line) when it could not be written. */
    public boolean record(String actor, String action, String resourceType, String reason, Map<String, Object> details,
                          String outcome) {
        try {
            writer.append(new AuditEntry(actor, action, resourceType, null, reason, details, outcome)).await().atMost(WAIT);
            return true;
        } catch (RuntimeException e) {
            Log.errorf("console audit row %s by %s could not be written: %s", action, actor, e.toString());
            return false;
        }
    }
}

package io.tripwire.controlplane.audit;

import java.util.Map;
import java.util.Objects;

/** One audit_log row before it is chained: who did what to which resource, and why. */
public record AuditEntry(
        String actor,
        String action,
        String resourceType,
        String resourceId,
        String reason,
        Map<String, Object> details,
        String outcome) {

    public AuditEntry {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        details = details == null ? Map.of() : details;
        outcome = outcome == null ? "SUCCESS" : outcome;
    }

    public static AuditEntry success(String actor, String action, String resourceType, String resourceId,
                                     String reason, Map<String, Object> details) {
        return new AuditEntry(actor, action, resourceType, resourceId, reason, details, "SUCCESS");
    }
}

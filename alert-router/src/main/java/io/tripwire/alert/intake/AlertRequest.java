package io.tripwire.alert.intake;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.tripwire.alert.web.FieldErrors;
import io.tripwire.controlplane.alert.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Body of {@code POST /api/v1/alerts}, the same fields as a stream entry: severity info|warning|critical, source,
 * summary, details (object; {@code labels} inside it route), dedup_key, status firing|resolved (default firing),
 * created_at (default now), optional labels (merged into details.labels).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AlertRequest(String severity, String source, String summary, Map<String, Object> details,
                           Map<String, String> labels, String dedupKey, String status, Instant createdAt) {

    static final Duration MAX_FUTURE = Duration.ofMinutes(5);

    /** Validates every field (400 with all field errors) and builds the alert. */
    public IncomingAlert toAlert(Instant now) {
        FieldErrors errors = new FieldErrors();
        Severity parsed = null;
        if (severity == null || !severity.matches("(?i)info|warning|critical")) {
            errors.add("severity", "must be info, warning or critical");
        } else {
            parsed = Severity.valueOf(severity.toUpperCase(Locale.ROOT));
        }
        String src = errors.text("source", source, 200);
        String sum = errors.text("summary", summary, 1000);
        String key = errors.text("dedup_key", dedupKey, 255);
        if (status != null && !status.equals("firing") && !status.equals("resolved")) {
            errors.add("status", "must be firing or resolved");
        }
        if (createdAt != null && createdAt.isAfter(now.plus(MAX_FUTURE))) {
            errors.add("created_at", "is more than 5 minutes in the future");
        }
        if (labels != null && labels.entrySet().stream().anyMatch(e -> e.getKey().isBlank() || e.getValue() == null
                || e.getKey().length() > 100 || e.getValue().length() > 500)) {
            errors.add("labels", "keys must be 1-100 characters and values non-null, at most 500");
        }
        errors.throwIfAny();
        Map<String, Object> merged = new LinkedHashMap<>(details == null ? Map.of() : details);
        if (labels != null && !labels.isEmpty()) {
            Map<String, Object> all = new LinkedHashMap<>();
            if (merged.get("labels") instanceof Map<?, ?> existing) {
                existing.forEach((k, v) -> all.put(String.valueOf(k), v));
            }
            all.putAll(labels);
            merged.put("labels", all);
        }
        return new IncomingAlert(parsed, src, sum, merged, Labels.of(merged), key, "resolved".equals(status),
                createdAt == null ? now : createdAt, IncomingAlert.Intake.API, null, null);
    }
}

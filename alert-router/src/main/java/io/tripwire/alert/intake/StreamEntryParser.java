package io.tripwire.alert.intake;

import com.fasterxml.jackson.core.type.TypeReference;
import io.tripwire.controlplane.alert.Severity;
import io.tripwire.controlplane.state.StateCodec;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads an {@code alerts:stream} entry written by the library's AlertPublisher (severity, source, summary, details
 * JSON, dedup_key, status firing|resolved, created_at ISO-8601). An entry that does not parse is never dropped: it
 * becomes an unparsable alert carrying its raw fields, whose deliveries go to the poison queue.
 */
public final class StreamEntryParser {

    static final int MAX_TEXT = 4000;

    private StreamEntryParser() {
    }

    public static IncomingAlert parse(String streamId, Map<String, String> fields, Instant now) {
        try {
            return parsed(fields).withStreamId(streamId);
        } catch (RuntimeException e) {
            return unparsable(streamId, fields, e.getMessage(), now);
        }
    }

    private static IncomingAlert parsed(Map<String, String> f) {
        Severity severity = Severity.valueOf(required(f, "severity").toUpperCase(Locale.ROOT));
        String status = required(f, "status");
        if (!status.equals("firing") && !status.equals("resolved")) {
            throw new IllegalArgumentException("status must be firing or resolved, was '" + status + "'");
        }
        String dedupKey = required(f, "dedup_key");
        if (dedupKey.length() > 255) {
            throw new IllegalArgumentException("dedup_key longer than 255 characters");
        }
        Map<String, Object> details = f.get("details") == null ? Map.of() : details(f.get("details"));
        if (details == null) {
            throw new IllegalArgumentException("details is not a JSON object");
        }
        Instant createdAt = Instant.parse(required(f, "created_at"));
        return new IncomingAlert(severity, clip(required(f, "source")), clip(required(f, "summary")), details,
                Labels.of(details), dedupKey, status.equals("resolved"), createdAt, IncomingAlert.Intake.STREAM, null, null);
    }

    private static IncomingAlert unparsable(String streamId, Map<String, String> fields, String error, Instant now) {
        Severity severity = Severity.WARNING;
        try {
            severity = Severity.valueOf(String.valueOf(fields.get("severity")).toUpperCase(Locale.ROOT));
        } catch (RuntimeException ignored) {
            // unknown severity: routed as a warning
        }
        String summary = "UNPARSABLE alert from stream entry " + streamId + ": "
                + String.valueOf(fields.getOrDefault("summary", "(no summary)"));
        Map<String, Object> details = Map.of("raw_fields", new TreeMap<>(fields), "parse_error", String.valueOf(error));
        return new IncomingAlert(severity, clip(fields.getOrDefault("source", "unknown")), clip(summary), details, Map.of(),
                "unparsable:" + streamId, false, now, IncomingAlert.Intake.STREAM, streamId,
                clip("unparsable stream entry: " + error));
    }

    private static Map<String, Object> details(String json) {
        try {
            return StateCodec.mapper().readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("details is not a JSON object: " + e.getOriginalMessage());
        }
    }

    private static String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing field " + name);
        }
        return value;
    }

    static String clip(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }
}

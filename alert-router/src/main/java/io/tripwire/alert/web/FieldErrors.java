package io.tripwire.alert.web;

import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.reject.RejectException;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Collects field errors of one request and refuses it as 400 VALIDATION_FAILED with {@code details.fields}. */
public final class FieldErrors {

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\n\\t]]");

    private final Map<String, Object> fields = new TreeMap<>();

    public FieldErrors add(String field, String message) {
        fields.putIfAbsent(field, message);
        return this;
    }

    /** Requires a non-blank text of at most {@code max} characters without control characters; returns it trimmed. */
    public String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            add(field, "is required");
            return null;
        }
        if (value.length() > max) {
            add(field, "longer than " + max + " characters");
        } else if (CONTROL.matcher(value).find()) {
            add(field, "contains control characters");
        }
        return value.trim();
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    public void throwIfAny() {
        if (!fields.isEmpty()) {
            throw invalid(fields);
        }
    }

    public static RejectException invalid(Map<String, Object> fields) {
        return new RejectException(RejectCode.VALIDATION_FAILED, "request is invalid", Map.of("fields", Map.copyOf(fields)));
    }

    public static RejectException invalid(String field, String message) {
        return invalid(Map.of(field, message));
    }

    /** Parses a positive id from a path segment; 400 otherwise. */
    public static long id(String value) {
        if (value == null || !value.matches("[1-9][0-9]{0,17}")) {
            throw invalid("id", "must be a positive integer");
        }
        return Long.parseLong(value);
    }

    /** Parses an optional limit (default 100, 1..1000); 400 otherwise. */
    public static int limit(String value) {
        if (value == null) {
            return 100;
        }
        if (!value.matches("[0-9]{1,4}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > 1000) {
            throw invalid("limit", "must be between 1 and 1000");
        }
        return Integer.parseInt(value);
    }
}

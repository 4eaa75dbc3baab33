package io.tripwire.signal.web;

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
        return optionalText(field, value, max);
    }

    /** Like {@link #text} but {@code null}/blank is fine (returns null). */
    public String optionalText(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > max) {
            add(field, "longer than " + max + " characters");
        } else if (CONTROL.matcher(value).find()) {
            add(field, "contains control characters");
        }
        return value.trim();
    }

    /** Requires a value matching the pattern. */
    public String matching(String field, String value, Pattern pattern, String what) {
        if (value == null || value.isBlank()) {
            add(field, "is required");
            return null;
        }
        if (!pattern.matcher(value).matches()) {
            add(field, "must be " + what);
        }
        return value;
    }

    public int size() {
        return fields.size();
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    public void throwIfAny() {
        if (!fields.isEmpty()) {
            throw new RejectException(RejectCode.VALIDATION_FAILED, "request is invalid", Map.of("fields", Map.copyOf(fields)));
        }
    }

    public static RejectException invalid(String field, String message) {
        return new RejectException(RejectCode.VALIDATION_FAILED, "request is invalid", Map.of("fields", Map.of(field, message)));
    }
}

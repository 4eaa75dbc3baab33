package io.tripwire.controlplane.reject;

import java.util.Map;

/** The one reject body of every Tripwire API: {@code {"code", "message", "details"}}. */
public record RejectBody(String code, String message, Map<String, Object> details) {

    public RejectBody {
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public static RejectBody of(RejectCode code, String message) {
        return new RejectBody(code.name(), message, Map.of());
    }

    public static RejectBody of(RejectCode code, String message, Map<String, Object> details) {
        return new RejectBody(code.name(), message, details);
    }
}

package io.tripwire.controlplane.reject;

import java.util.Map;

/**
 * Carries a reject to the service's exception mapper from code that cannot return a value (filters,
 * validation hooks). Domain decisions return {@link RejectCode} values instead.
 */
public class RejectException extends RuntimeException {
    private final RejectCode code;
    private final Map<String, Object> details;

    public RejectException(RejectCode code, String message) {
        this(code, message, Map.of());
    }

    public RejectException(RejectCode code, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.code = code;
        this.details = details;
    }

    public RejectCode code() {
        return code;
    }

    public RejectBody body() {
        return RejectBody.of(code, getMessage(), details);
    }
}

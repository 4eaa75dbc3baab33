package io.tripwire.controlplane.alert;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An alert for a person.
 *
 * @param dedupKey  alerts with the same key within the router's window are sent once; a resolve closes it
 * @param resolved  true for the "all clear" of an earlier alert with the same dedup key
 */
public record Alert(Severity severity, String source, String summary, Map<String, Object> details,
                    String dedupKey, boolean resolved, Instant createdAt) {

    public Alert {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(dedupKey, "dedupKey");
        Objects.requireNonNull(createdAt, "createdAt");
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}

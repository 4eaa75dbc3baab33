package io.tripwire.cli.keys;

import java.time.Instant;
import java.util.List;

/** A key as the console lists it (never its secret); instants as the ISO-8601 text the console sends. */
public record KeyView(String prefix, String name, List<String> scopes, String createdAt, String createdBy,
                      String expiresAt, String revokedAt, String replacedBy) {

    /** live, grace (rotated, still valid), expired or revoked, at {@code now}. */
    public String state(Instant now) {
        if (revokedAt != null) {
            return "revoked";
        }
        if (expiresAt != null && !now.isBefore(Instant.parse(expiresAt))) {
            return "expired";
        }
        return replacedBy != null ? "grace" : "live";
    }
}

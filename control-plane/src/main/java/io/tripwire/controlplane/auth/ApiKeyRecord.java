package io.tripwire.controlplane.auth;

import java.time.Instant;
import java.util.Set;

/** A stored API key: never the secret, only its salted hash. */
public record ApiKeyRecord(
        String prefix,
        String name,
        String salt,
        String hash,
        Set<String> scopes,
        Instant createdAt,
        String createdBy,
        Instant expiresAt,
        Instant revokedAt,
        String replacedBy) {

    public ApiKeyRecord {
        scopes = Set.copyOf(scopes);
    }

    /** Why this key may not be used at {@code now}, or {@code null} when it may. */
    public String refusal(Instant now) {
        if (revokedAt != null) {
            return "revoked";
        }
        if (!now.isBefore(expiresAt)) {
            return "expired";
        }
        return null;
    }
}

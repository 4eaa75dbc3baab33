package io.tripwire.console.admin;

import io.quarkus.qute.TemplateData;
import io.tripwire.controlplane.auth.ApiKeyRecord;
import java.time.Instant;

/** An API key as the Admin → API keys page lists it (never a secret) with what it is now: live, in rotation grace, revoked, expired. */
@TemplateData
public record KeyRow(String prefix, String name, String scopes, String createdAt, String createdBy, String expiresAt,
                     String revokedAt, String replacedBy, String state, boolean live) {

    public static KeyRow of(ApiKeyRecord r, Instant now) {
        String refusal = r.refusal(now);
        String state = refusal != null ? refusal
                : r.replacedBy() != null ? "rotated: valid until " + text(r.expiresAt()) + " (then refused)" : "live";
        return new KeyRow(r.prefix(), r.name(), String.join(" ", r.scopes().stream().sorted().toList()), text(r.createdAt()),
                r.createdBy(), text(r.expiresAt()), text(r.revokedAt()), r.replacedBy() == null ? "" : r.replacedBy(), state,
                refusal == null);
    }

    /** Rotating is offered for a live key not yet rotated (a rotated key's replacement is rotated instead). */
    public boolean rotatable() {
        return live && replacedBy.isEmpty();
    }

    /** To the second (the page's precision; PostgreSQL keeps microseconds). */
    static String text(Instant at) {
        return at == null ? "" : at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }
}

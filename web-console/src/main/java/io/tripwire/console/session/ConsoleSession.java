package io.tripwire.console.session;

import io.tripwire.controlplane.auth.OperatorService.Role;
import java.time.Instant;

/**
 * A logged-in operator, as stored server-side. The cookie carries only the random session id; the
 * store keys the session by the id's SHA-256, so a leaked store does not leak usable cookies.
 */
@io.quarkus.qute.TemplateData
public record ConsoleSession(String username, Role role, String csrfToken, Instant createdAt, Instant expiresAt) {

    /** The actor name in audit rows and forwarded reasons. */
    public String actor() {
        return "operator:" + username;
    }

    public boolean atLeast(Role required) {
        return role.ordinal() >= required.ordinal();
    }

    public boolean canOperate() {
        return atLeast(Role.OPERATOR);
    }

    public boolean admin() {
        return atLeast(Role.ADMIN);
    }

    public String roleName() {
        return role.name().toLowerCase();
    }
}

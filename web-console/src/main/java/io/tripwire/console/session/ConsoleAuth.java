package io.tripwire.console.session;

import io.tripwire.console.web.ConsoleAudit;
import io.tripwire.controlplane.auth.OperatorService.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Map;

/** What every console page and form does first: find the session, check the CSRF token and the role. */
@ApplicationScoped
public class ConsoleAuth {

    private final SessionStore sessions;
    private final ConsoleAudit audit;

    public ConsoleAuth(SessionStore sessions, ConsoleAudit audit) {
        this.sessions = sessions;
        this.audit = audit;
    }

    /** The caller's live session, or {@link NotLoggedInException}. */
    public ConsoleSession require(HttpHeaders headers) {
        return sessions.touch(sessionId(headers)).orElseThrow(NotLoggedInException::new);
    }

    /** For a form post: a live session whose CSRF token matches the form's, else 403. */
    public ConsoleSession requireForm(HttpHeaders headers, String csrf) {
        ConsoleSession session = require(headers);
        if (!Tokens.same(session.csrfToken(), csrf)) {
            audit.record(session.actor(), "CONSOLE_CSRF_REJECTED", "console", null, Map.of(), ConsoleAudit.DENIED);
            throw new ConsoleForbiddenException("The form's security token is missing or wrong. Reload the page and try again.");
        }
        return session;
    }

    /** As {@link #requireForm}, and the operator's role must be at least {@code role}; a refusal is audited as {@code action}. */
    public ConsoleSession requireForm(HttpHeaders headers, String csrf, Role role, String action) {
        ConsoleSession session = requireForm(headers, csrf);
        if (!session.atLeast(role)) {
            audit.record(session.actor(), action, "console", null, Map.of("role", session.roleName(),
                    "needs", role.name().toLowerCase()), ConsoleAudit.DENIED);
            throw new ConsoleForbiddenException("Your role (" + session.roleName() + ") may not do this; it needs "
                    + role.name().toLowerCase() + ".");
        }
        return session;
    }

    public static String sessionId(HttpHeaders headers) {
        Cookie cookie = headers.getCookies().get(SessionCookies.SESSION);
        return cookie == null ? null : cookie.getValue();
    }
}

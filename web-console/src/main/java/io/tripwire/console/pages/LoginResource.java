package io.tripwire.console.pages;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.tripwire.console.session.ConsoleAuth;
import io.tripwire.console.session.ConsoleForbiddenException;
import io.tripwire.console.session.LoginThrottle;
import io.tripwire.console.session.SessionCookies;
import io.tripwire.console.session.SessionStore;
import io.tripwire.console.session.Tokens;
import io.tripwire.console.web.ConsoleAudit;
import io.tripwire.controlplane.auth.OperatorService;
import io.tripwire.controlplane.auth.OperatorService.Role;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Login and logout. The login form is CSRF-protected by double submit (cookie + hidden field, both random);
 * a good password starts a server-side session (a new id every login) and is audited, a bad one too; repeated
 * failures lock the username out for a while ({@link LoginThrottle}).
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class LoginResource {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final URI HOME = URI.create("/console/health");

    private final Template login;
    private final OperatorService operators;
    private final SessionStore sessions;
    private final SessionCookies cookies;
    private final ConsoleAuth auth;
    private final ConsoleAudit audit;
    private final LoginThrottle throttle;

    public LoginResource(@Location("console/login.html") Template login, OperatorService operators, SessionStore sessions,
                         SessionCookies cookies, ConsoleAuth auth, ConsoleAudit audit, LoginThrottle throttle) {
        this.throttle = throttle;
        this.login = login;
        this.operators = operators;
        this.sessions = sessions;
        this.cookies = cookies;
        this.auth = auth;
        this.audit = audit;
    }

    @GET
    public Response home() {
        return Response.seeOther(HOME).build();
    }

    @GET
    @Path("/login")
    public Response form() {
        return loginPage(200, null);
    }

    @POST
    @Path("/login")
    public Response submit(@RestForm String username, @RestForm String password, @RestForm("_csrf") String csrf,
                           HttpHeaders headers) {
        Cookie expected = headers.getCookies().get(SessionCookies.LOGIN_CSRF);
        if (expected == null || !Tokens.same(expected.getValue(), csrf)) {
            throw new ConsoleForbiddenException("The login form's security token is missing or wrong. Reload the page and try again.");
        }
        String name = username == null ? "" : username.trim().toLowerCase();
        boolean wellFormed = !name.isEmpty() && password != null && name.length() <= 64;
        Optional<Duration> locked = wellFormed ? throttle.lockedFor(name) : Optional.empty();
        if (locked.isPresent()) {
            audit.record("operator:" + name, "CONSOLE_LOGIN_THROTTLED", "console_session", null, Map.of(), ConsoleAudit.DENIED);
            long minutes = Math.max(1, (locked.get().toSeconds() + 59) / 60);
            return loginPage(429, "Too many failed logins for this user. Try again in " + minutes + " min, or ask an admin.");
        }
        Role role = wellFormed ? operators.verify(name, password.toCharArray()).await().atMost(WAIT) : null;
        if (role == null) {
            if (wellFormed) {
                throttle.failed(name);
            }
            audit.record("operator:" + (name.isEmpty() ? "?" : name.replaceAll("[^a-z0-9._-]", "_")), "CONSOLE_LOGIN_FAILED",
                    "console_session", null, Map.of(), ConsoleAudit.DENIED);
            return loginPage(401, "Wrong username or password.");
        }
        throttle.succeeded(name);
        String old = ConsoleAuth.sessionId(headers);
        sessions.delete(old);
        String id = sessions.create(name, role);
        audit.record("operator:" + name, "CONSOLE_LOGIN", "console_session", null, Map.of("role", role.name()),
                ConsoleAudit.SUCCESS);
        return Response.seeOther(HOME).cookie(cookies.session(id), cookies.clear(SessionCookies.LOGIN_CSRF)).build();
    }

    @POST
    @Path("/logout")
    public Response logout(@RestForm("_csrf") String csrf, HttpHeaders headers) {
        var session = auth.requireForm(headers, csrf);
        sessions.delete(ConsoleAuth.sessionId(headers));
        audit.record(session.actor(), "CONSOLE_LOGOUT", "console_session", null, Map.of(), ConsoleAudit.SUCCESS);
        return Response.seeOther(URI.create("/console/login")).cookie(cookies.clear(SessionCookies.SESSION)).build();
    }

    private Response loginPage(int status, String error) {
        String token = Tokens.random();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(login.data("csrf", token).data("error", error).render())
                .cookie(cookies.loginCsrf(token)).build();
    }
}

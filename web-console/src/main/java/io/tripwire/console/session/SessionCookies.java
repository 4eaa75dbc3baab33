package io.tripwire.console.session;

import io.tripwire.console.web.ConsoleWebConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;

/**
 * The console's cookies: the session id and the login form's CSRF token (double submit, before there
 * is a session). Both HttpOnly, SameSite=Strict, path /console; Secure when configured.
 */
@ApplicationScoped
public class SessionCookies {

    public static final String SESSION = "tw_session";
    public static final String LOGIN_CSRF = "tw_login_csrf";
    static final String PATH = "/console";

    private final ConsoleWebConfig config;

    public SessionCookies(ConsoleWebConfig config) {
        this.config = config;
    }

    /** A session cookie without Max-Age: it ends with the browser, and the server ends it earlier. */
    public NewCookie session(String id) {
        return cookie(SESSION, id, NewCookie.DEFAULT_MAX_AGE);
    }

    public NewCookie loginCsrf(String token) {
        return cookie(LOGIN_CSRF, token, 600);
    }

    public NewCookie clear(String name) {
        return cookie(name, "", 0);
    }

    private NewCookie cookie(String name, String value, int maxAge) {
        return new NewCookie.Builder(name).value(value).path(PATH).maxAge(maxAge).httpOnly(true)
                .secure(config.session().cookieSecure()).sameSite(NewCookie.SameSite.STRICT).build();
    }
}

package io.tripwire.console.session;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Turns away a console request that carries no session cookie before it is matched to a resource, so that an
 * anonymous caller always meets the login page and never learns anything from a 415 or a 404 of a form
 * endpoint. A cheap presence check only: the live session, the CSRF token and the role are still checked by
 * {@link ConsoleAuth} inside each page.
 */
public class SessionCookieFilter {

    static final URI LOGIN = URI.create("/console/login");

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> requireSessionCookie(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/console/") || open(path)) {
            return Optional.empty();
        }
        Cookie cookie = request.getCookies().get(SessionCookies.SESSION);
        if (cookie != null && !cookie.getValue().isBlank()) {
            return Optional.empty();
        }
        if (request.getHeaderString("HX-Request") != null) {
            return Optional.of(Response.ok().header("HX-Redirect", LOGIN.toString()).build());
        }
        return Optional.of(Response.seeOther(LOGIN).build());
    }

    private static boolean open(String path) {
        return path.equals("/console/login") || path.startsWith("/console/static/");
    }
}

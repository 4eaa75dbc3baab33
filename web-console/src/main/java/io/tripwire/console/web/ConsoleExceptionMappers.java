package io.tripwire.console.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.tripwire.console.session.ConsoleForbiddenException;
import io.tripwire.console.session.NotLoggedInException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Console failures as pages: no session → 303 to the login page (for an htmx partial refresh, a 200 with
 * {@code HX-Redirect} so the whole page goes there); a refused form → 403 with the reason.
 */
public class ConsoleExceptionMappers {

    static final URI LOGIN = URI.create("/console/login");

    private final Template error;

    public ConsoleExceptionMappers(@Location("console/error.html") Template error) {
        this.error = error;
    }

    @ServerExceptionMapper
    public Response notLoggedIn(NotLoggedInException e, HttpHeaders headers) {
        if (headers.getHeaderString("HX-Request") != null) {
            return Response.ok().header("HX-Redirect", LOGIN.toString()).build();
        }
        return Response.seeOther(LOGIN).build();
    }

    @ServerExceptionMapper
    public Response forbidden(ConsoleForbiddenException e) {
        return Response.status(403).type(MediaType.TEXT_HTML_TYPE)
                .entity(error.data("status", 403).data("message", e.getMessage()).render()).build();
    }
}

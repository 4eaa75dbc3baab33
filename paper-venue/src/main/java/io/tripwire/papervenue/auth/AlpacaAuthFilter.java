package io.tripwire.papervenue.auth;

import io.quarkus.logging.Log;
import io.tripwire.papervenue.alpaca.AlpacaException;
import io.tripwire.papervenue.alpaca.AlpacaExceptionMapper;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates the Alpaca API ({@code /v2/...}) with {@code APCA-API-KEY-ID} and
 * {@code APCA-API-SECRET-KEY}, as Alpaca does. The library's API-key mechanism skips these paths
 * ({@code tripwire.auth.self-authenticated-paths=/v2/}), so this filter is their only gate.
 */
public class AlpacaAuthFilter {

    static final String KEY_ID_HEADER = "APCA-API-KEY-ID";
    static final String SECRET_HEADER = "APCA-API-SECRET-KEY";

    private final AlpacaCredentials credentials;

    public AlpacaAuthFilter(AlpacaCredentials credentials) {
        this.credentials = credentials;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Response authenticate(ContainerRequestContext request) {
        if (!AlpacaPaths.isAlpaca(request.getUriInfo().getPath())) {
            return null;
        }
        return switch (credentials.check(request.getHeaderString(KEY_ID_HEADER), request.getHeaderString(SECRET_HEADER))) {
            case VALID -> null;
            case MISSING -> AlpacaExceptionMapper.respond(AlpacaException.unauthorized("request is not authorized"));
            case WRONG -> {
                Log.infof("Alpaca API request refused: wrong key id or secret (%s %s)", request.getMethod(),
                        request.getUriInfo().getPath());
                yield AlpacaExceptionMapper.respond(AlpacaException.forbidden("forbidden: invalid key id or secret"));
            }
        };
    }
}

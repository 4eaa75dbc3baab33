package io.tripwire.papervenue.alpaca;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Maps {@link AlpacaException} to Alpaca's error body. Everything else keeps going through the
 * library's {@code RejectExceptionMappers}; the Alpaca resources convert their own failures first
 * (see {@link AlpacaFailures}), so no Tripwire-shaped body leaves an Alpaca path.
 */
public class AlpacaExceptionMapper {

    @ServerExceptionMapper
    public Response alpaca(AlpacaException e) {
        return respond(e);
    }

    public static Response respond(AlpacaException e) {
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(e.body()).build();
    }
}

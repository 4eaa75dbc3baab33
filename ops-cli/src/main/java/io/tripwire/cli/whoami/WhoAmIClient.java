package io.tripwire.cli.whoami;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/** REST client of {@code /api/v1/whoami}, which every Tripwire service serves. Built per call with its base URL. */
@Path("/api/v1/whoami")
public interface WhoAmIClient extends AutoCloseable {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    WhoAmI whoami(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);

    @Override
    void close();
}

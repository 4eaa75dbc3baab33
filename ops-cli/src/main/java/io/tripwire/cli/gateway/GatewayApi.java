package io.tripwire.cli.gateway;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * The execution gateway's operator endpoints the CLI calls (REST client, built per call with its base URL
 * by {@link GatewayCall}). Answers are read as text: the status table, or JSON the commands summarize.
 */
@Path("/api")
public interface GatewayApi extends AutoCloseable {

    @GET
    @Path("/v1/status")
    @Produces(MediaType.TEXT_PLAIN)
    String statusTable(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);

    @POST
    @Path("/v1/circuit-breaker/trip")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    String trip(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, Map<String, Object> body);

    @POST
    @Path("/v1/circuit-breaker/reset")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    String reset(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, Map<String, Object> body);

    @POST
    @Path("/v1/kill-switch")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    String activateKillSwitch(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, Map<String, Object> body);

    @DELETE
    @Path("/v1/kill-switch")
    @Produces(MediaType.APPLICATION_JSON)
    String deactivateKillSwitch(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                @QueryParam("reason") String reason);

    @Override
    void close();
}

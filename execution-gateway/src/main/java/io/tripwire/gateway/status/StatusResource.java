package io.tripwire.gateway.status;

import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.auth.ApiKeyScope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The operator status ({@code make status}): JSON, or a fixed-width table for {@code Accept: text/plain}. */
@Path("/api/v1/status")
@RolesAllowed(ApiKeyScope.Names.ORDERS_READ)
public class StatusResource {

    private final StatusService status;

    public StatusResource(StatusService status) {
        this.status = status;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<StatusView> json() {
        return status.status();
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public Uni<String> text() {
        return status.status().map(StatusTable::render);
    }
}

package io.tripwire.gateway.status;

import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.auth.ApiKeyScope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;

/** {@code GET /api/v1/positions}: the venue's positions (the venue is authoritative). */
@Path("/api/v1/positions")
public class PositionsResource {

    private final StatusService status;

    public PositionsResource(StatusService status) {
        this.status = status;
    }

    @GET
    @RolesAllowed(ApiKeyScope.Names.ORDERS_READ)
    public Uni<List<StatusView.Position>> positions() {
        return status.positions();
    }
}

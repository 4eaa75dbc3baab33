package io.tripwire.reconciler.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.auth.ApiKeyScope;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.reject.RejectException;
import io.tripwire.reconciler.orphans.OrphanOrder;
import io.tripwire.reconciler.orphans.OrphanRepository;
import io.tripwire.reconciler.orphans.OrphanService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Orphan orders: list them, and clear one (audited; lifts the symbol's quarantine when it was the last). */
@Path("/api/v1/reconciliation/orphans")
@Produces(MediaType.APPLICATION_JSON)
public class OrphanResource {

    private static final Set<String> STATUSES = Set.of("open", "cleared", "all");

    private final OrphanRepository repository;
    private final OrphanService service;
    private final SecurityIdentity identity;

    public OrphanResource(OrphanRepository repository, OrphanService service, SecurityIdentity identity) {
        this.repository = repository;
        this.service = service;
        this.identity = identity;
    }

    @GET
    @RolesAllowed(ApiKeyScope.Names.ORDERS_READ)
    public Uni<List<OrphanOrder>> list(@QueryParam("status") @DefaultValue("open") String status,
                                       @QueryParam("limit") @DefaultValue("100") int limit) {
        if (!STATUSES.contains(status) || limit < 1 || limit > 500) {
            return Uni.createFrom().failure(new RejectException(RejectCode.VALIDATION_FAILED,
                    "status must be open, cleared or all; limit 1..500",
                    Map.of("fields", Map.of("status", status, "limit", limit))));
        }
        return repository.list(status, limit);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(ApiKeyScope.Names.ORDERS_READ)
    public Uni<OrphanOrder> get(@PathParam("id") long id) {
        return repository.find(id).onItem().ifNull().failWith(() -> new RejectException(RejectCode.NOT_FOUND, "no orphan order " + id));
    }

    @POST
    @Path("/{id}/clear")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ApiKeyScope.Names.CONFIG_WRITE)
    public Uni<OrphanOrder> clear(@PathParam("id") long id, @Valid @NotNull ReasonRequest request) {
        if (request.reason().strip().length() < 20) {
            return Uni.createFrom().failure(new RejectException(RejectCode.VALIDATION_FAILED, "reason must be at least 20 characters",
                    Map.of("fields", Map.of("reason", "at least 20 characters"))));
        }
        return service.clear(id, request.reason().strip(), identity.getPrincipal().getName());
    }
}

package io.tripwire.reconciler.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.auth.ApiKeyScope;
import io.tripwire.reconciler.run.ForceCompletion;
import io.tripwire.reconciler.run.RunRecord;
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
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Reconciliation on demand, its status and run reports, and the audited force-complete override. */
@Path("/api/v1/reconciliation")
@Produces(MediaType.APPLICATION_JSON)
public class ReconciliationResource {

    private final ReconciliationService service;
    private final ForceCompletion force;
    private final SecurityIdentity identity;

    public ReconciliationResource(ReconciliationService service, ForceCompletion force, SecurityIdentity identity) {
        this.service = service;
        this.force = force;
        this.identity = identity;
    }

    @POST
    @Path("/run")
    @RolesAllowed(ApiKeyScope.Names.CONFIG_WRITE)
    public Uni<Response> run() {
        return service.runNow().map(answer -> switch (answer) {
            case ReconciliationService.Finished f -> Response.ok(f.run()).build();
            case ReconciliationService.Accepted a -> Response.accepted(a.body()).build();
        });
    }

    @GET
    @Path("/status")
    @RolesAllowed(ApiKeyScope.Names.ORDERS_READ)
    public Uni<StatusView> status() {
        return service.status();
    }

    @GET
    @Path("/runs")
    @RolesAllowed(ApiKeyScope.Names.ORDERS_READ)
    public Uni<List<StatusView.RunSummary>> runs(@QueryParam("limit") @DefaultValue("20") int limit) {
        return service.recent(limit);
    }

    @GET
    @Path("/runs/{id}")
    @RolesAllowed(ApiKeyScope.Names.ORDERS_READ)
    public Uni<RunRecord> run(@PathParam("id") String id) {
        return service.run(id);
    }

    @POST
    @Path("/force-complete")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ApiKeyScope.Names.CONFIG_WRITE)
    public Uni<RunRecord> forceComplete(@Valid @NotNull ReasonRequest request) {
        return force.force(request.reason(), identity.getPrincipal().getName());
    }
}

package io.tripwire.papervenue.fault;

import io.quarkus.security.identity.SecurityIdentity;
import io.tripwire.controlplane.auth.ApiKeyScope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Fault injection for tests and chaos runs; Tripwire API key with scope {@code config:write}. */
@Path("/admin/faults")
@RolesAllowed(ApiKeyScope.Names.CONFIG_WRITE)
@Produces(MediaType.APPLICATION_JSON)
public class FaultResource {

    private final FaultInjector injector;
    private final SecurityIdentity identity;

    public FaultResource(FaultInjector injector, SecurityIdentity identity) {
        this.injector = injector;
        this.identity = identity;
    }

    @GET
    public FaultSettings get() {
        return injector.current();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public FaultSettings set(@Valid @NotNull FaultSettings settings) {
        return injector.set(settings, identity.getPrincipal().getName());
    }

    @DELETE
    public FaultSettings clear() {
        return injector.clear(identity.getPrincipal().getName());
    }
}

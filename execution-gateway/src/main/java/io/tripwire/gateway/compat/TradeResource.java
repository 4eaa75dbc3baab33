package io.tripwire.gateway.compat;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.auth.ApiKeyIdentityProvider;
import io.tripwire.controlplane.auth.ApiKeyScope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** Seed 001: {@code POST /api/trade/execute} (scope {@code orders:write}). */
@Path("/api/trade")
public class TradeResource {

    private final TradeExecuteService service;
    private final SecurityIdentity identity;

    public TradeResource(TradeExecuteService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    @Path("/execute")
    @RolesAllowed(ApiKeyScope.Names.ORDERS_WRITE)
    public Uni<Response> execute(TradeExecuteRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        String keyPrefix = identity.getAttribute(ApiKeyIdentityProvider.PREFIX_ATTRIBUTE);
        return service.execute(request, idempotencyKey, keyPrefix)
                .map(answer -> Response.ok(answer).header("Idempotency-Key", answer.order().idempotencyKey()).build());
    }
}

package io.tripwire.gateway.killswitch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.auth.ApiKeyScope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * The kill-switch API at seed 004's {@code /api/kill-switch}; {@link KillSwitchV1Resource} serves the same
 * at {@code /api/v1/kill-switch}. DELETE takes its reason from the body ({@code {"reason": "..."}}) or the
 * {@code reason} query parameter.
 */
@Path("/api/kill-switch")
public class KillSwitchResource {

    private final KillSwitchService service;
    private final SecurityIdentity identity;
    private final ObjectMapper json;

    public KillSwitchResource(KillSwitchService service, SecurityIdentity identity, ObjectMapper json) {
        this.service = service;
        this.identity = identity;
        this.json = json;
    }

    @GET
    @RolesAllowed(ApiKeyScope.Names.ORDERS_READ)
    public Uni<KillSwitchView> get() {
        return service.view();
    }

    @POST
    @RolesAllowed(ApiKeyScope.Names.KILLSWITCH)
    public Uni<KillSwitchChangeView> activate(KillSwitchRequest request) {
        return service.activate(request, identity.getPrincipal().getName());
    }

    /** Any content type or none: seed 004's {@code curl -X DELETE .../api/kill-switch} sends no body at all. */
    @DELETE
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(ApiKeyScope.Names.KILLSWITCH)
    public Uni<KillSwitchChangeView> deactivate(String body, @QueryParam("reason") String reason)
            throws JsonProcessingException {
        KillSwitchRequest request = body == null || body.isBlank() ? null : json.readValue(body, KillSwitchRequest.class);
        String why = request != null && request.reason() != null ? request.reason() : reason;
        return service.deactivate(why, identity.getPrincipal().getName());
    }
}

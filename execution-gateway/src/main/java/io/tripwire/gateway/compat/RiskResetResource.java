package io.tripwire.gateway.compat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.auth.ApiKeyScope;
import io.tripwire.gateway.breaker.BreakerChangeView;
import io.tripwire.gateway.breaker.BreakerMetrics;
import io.tripwire.gateway.breaker.BreakerResets;
import io.tripwire.gateway.breaker.ResetRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;

/**
 * Seed 001: {@code POST /api/risk/reset} is the breaker reset with the same rules (scope
 * {@code breaker:reset}, reason of at least 20 characters, {@code acknowledged: true}, TRIPPED only,
 * one per minute globally).
 */
@Path("/api/risk")
public class RiskResetResource {

    private final BreakerResets resets;
    private final BreakerMetrics metrics;
    private final SecurityIdentity identity;
    private final Clock clock;
    private final ObjectMapper json;

    public RiskResetResource(BreakerResets resets, BreakerMetrics metrics, SecurityIdentity identity, Clock clock,
                             ObjectMapper json) {
        this.resets = resets;
        this.metrics = metrics;
        this.identity = identity;
        this.clock = clock;
        this.json = json;
    }

    /** Any content type or none: seed 001's {@code curl -X POST .../api/risk/reset} sends no body (then: 400, reason required). */
    @POST
    @Path("/reset")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(ApiKeyScope.Names.BREAKER_RESET)
    public Uni<BreakerChangeView> reset(String body) throws JsonProcessingException {
        ResetRequest request = body == null || body.isBlank() ? null : json.readValue(body, ResetRequest.class);
        return resets.reset(request, identity.getPrincipal().getName())
                .map(result -> BreakerChangeView.of(result, clock.instant(), metrics));
    }
}

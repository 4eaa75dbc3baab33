package io.tripwire.gateway.breaker;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.auth.ApiKeyScope;
import io.tripwire.controlplane.control.ControlStateReader;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.reject.RejectException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.Clock;
import java.util.Map;

/** The circuit breaker API. Thin: the rules live in {@link BreakerTrips} and {@link BreakerResets}. */
@Path("/api/v1/circuit-breaker")
public class BreakerResource {

    private final ControlStateReader reader;
    private final BreakerTrips trips;
    private final BreakerResets resets;
    private final BreakerHistory history;
    private final BreakerMetrics metrics;
    private final SecurityIdentity identity;
    private final Clock clock;

    public BreakerResource(ControlStateReader reader, BreakerTrips trips, BreakerResets resets, BreakerHistory history,
                           BreakerMetrics metrics, SecurityIdentity identity, Clock clock) {
        this.reader = reader;
        this.trips = trips;
        this.resets = resets;
        this.history = history;
        this.metrics = metrics;
        this.identity = identity;
        this.clock = clock;
    }

    @GET
    @RolesAllowed(ApiKeyScope.Names.ORDERS_READ)
    public Uni<BreakerView> get() {
        return reader.breaker().map(read -> BreakerView.of(read, clock.instant(), metrics));
    }

    @GET
    @Path("/history")
    @RolesAllowed(ApiKeyScope.Names.ORDERS_READ)
    public Uni<BreakerHistory.Page> history(@QueryParam("limit") @DefaultValue("50") int limit) {
        if (limit < 1 || limit > BreakerHistory.MAX_ENTRIES) {
            return Uni.createFrom().failure(new RejectException(RejectCode.VALIDATION_FAILED,
                    "limit must be 1.." + BreakerHistory.MAX_ENTRIES, Map.of("fields", Map.of("limit", "1.." + BreakerHistory.MAX_ENTRIES))));
        }
        return history.newest(limit);
    }

    @POST
    @Path("/trip")
    @RolesAllowed(ApiKeyScope.Names.BREAKER_TRIP)
    public Uni<BreakerChangeView> trip(TripRequest request) {
        return trips.manual(request, identity.getPrincipal().getName())
                .map(result -> BreakerChangeView.of(result, clock.instant(), metrics));
    }

    @POST
    @Path("/reset")
    @RolesAllowed(ApiKeyScope.Names.BREAKER_RESET)
    public Uni<BreakerChangeView> reset(ResetRequest request) {
        return resets.reset(request, identity.getPrincipal().getName())
                .map(result -> BreakerChangeView.of(result, clock.instant(), metrics));
    }
}

package io.tripwire.alert.poison;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tripwire.alert.routing.Channel;
import io.tripwire.alert.web.FieldErrors;
import io.tripwire.controlplane.auth.ApiKeyScope;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.reject.RejectException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Deliveries and the poison queue: list (filter by status / channel), read one, retry one (audited). */
@Path("/api/v1/deliveries")
@RolesAllowed(ApiKeyScope.Names.ALERTS_ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {

    private static final String STATUSES = "pending|in_progress|delivered|failed|poison|expired";

    /** Body of a retry: why the operator re-sends it (kept in the audit log). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RetryRequest(String reason) {
    }

    private final DeliveryQueries queries;
    private final RetryService retries;
    private final SecurityIdentity identity;

    public DeliveryResource(DeliveryQueries queries, RetryService retries, SecurityIdentity identity) {
        this.queries = queries;
        this.retries = retries;
        this.identity = identity;
    }

    @GET
    public Uni<List<DeliveryView>> list(@QueryParam("status") String status, @QueryParam("channel") String channel,
                                        @QueryParam("limit") String limit) {
        FieldErrors errors = new FieldErrors();
        if (status != null && !status.matches(STATUSES)) {
            errors.add("status", "must be one of " + STATUSES.replace('|', ','));
        }
        if (channel != null && Channel.fromWire(channel).isEmpty()) {
            errors.add("channel", "must be email, slack, sms or pagerduty");
        }
        errors.throwIfAny();
        return queries.list(status, channel, FieldErrors.limit(limit));
    }

    @GET
    @Path("/{id}")
    public Uni<DeliveryView> get(@PathParam("id") String id) {
        long deliveryId = FieldErrors.id(id);
        return queries.find(deliveryId).onItem().ifNull()
                .failWith(() -> new RejectException(RejectCode.NOT_FOUND, "no delivery " + deliveryId));
    }

    @POST
    @Path("/{id}/retry")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<DeliveryView> retry(@PathParam("id") String id, RetryRequest request) {
        long deliveryId = FieldErrors.id(id);
        FieldErrors errors = new FieldErrors();
        String reason = errors.text("reason", request == null ? null : request.reason(), 500);
        errors.throwIfAny();
        return retries.retry(deliveryId, identity.getPrincipal().getName(), reason);
    }
}

package io.tripwire.alert.intake;

import io.smallrye.mutiny.Uni;
import io.tripwire.alert.web.FieldErrors;
import io.tripwire.controlplane.auth.ApiKeyScope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.List;
import org.jboss.resteasy.reactive.ResponseStatus;

/** Alerts over HTTP: submit one (202 once stored), list recent ones, read one with its deliveries. */
@Path("/api/v1/alerts")
@RolesAllowed(ApiKeyScope.Names.ALERTS_ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    private final IntakeGate gate;
    private final AlertIntake intake;
    private final AlertQueries queries;
    private final Clock clock;

    public AlertResource(IntakeGate gate, AlertIntake intake, AlertQueries queries, Clock clock) {
        this.gate = gate;
        this.intake = intake;
        this.queries = queries;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(202)
    public Uni<IngestResult> submit(AlertRequest request) {
        if (request == null) {
            throw FieldErrors.invalid("body", "is required");
        }
        IncomingAlert alert = request.toAlert(clock.instant());
        return gate.admit("api", () -> intake.store(List.of(alert))).map(results -> results.get(0));
    }

    @GET
    public Uni<List<AlertQueries.AlertView>> list(@QueryParam("status") String status, @QueryParam("limit") String limit) {
        if (status != null && !status.matches("firing|resolved|open")) {
            throw FieldErrors.invalid("status", "must be firing, resolved or open");
        }
        return queries.alerts(status, FieldErrors.limit(limit));
    }

    @GET
    @Path("/{id}")
    public Uni<AlertQueries.AlertWithDeliveries> get(@PathParam("id") String id) {
        return queries.alert(FieldErrors.id(id));
    }
}

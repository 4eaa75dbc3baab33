package io.tripwire.alert.intake;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.smallrye.mutiny.Uni;
import io.tripwire.alert.config.AlertRouterConfig;
import io.tripwire.controlplane.auth.ApiKeyScope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.List;
import org.jboss.resteasy.reactive.ResponseStatus;

/**
 * Prometheus Alertmanager webhook receiver (webhook_config with {@code authorization: credentials: twk_…}). Every
 * alert of the call is validated first and stored in one transaction: all or nothing.
 */
@Path("/api/v1/alertmanager")
@RolesAllowed(ApiKeyScope.Names.ALERTS_ADMIN)
public class AlertmanagerResource {

    /** Outcome per alert of the call, in order. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Receipt(int received, List<IngestResult> results) {
    }

    private final IntakeGate gate;
    private final AlertIntake intake;
    private final Clock clock;
    private final int maxBatch;

    public AlertmanagerResource(IntakeGate gate, AlertIntake intake, Clock clock, AlertRouterConfig config) {
        this.gate = gate;
        this.intake = intake;
        this.clock = clock;
        this.maxBatch = config.intake().maxBatch();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @ResponseStatus(202)
    public Uni<Receipt> receive(AlertmanagerPayload payload) {
        List<IncomingAlert> alerts = AlertmanagerMapper.map(payload, maxBatch, clock.instant());
        return gate.admit("alertmanager", () -> intake.store(alerts)).map(results -> new Receipt(results.size(), results));
    }
}

package io.tripwire.signal.backtest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.auth.ApiKeyScope;
import io.tripwire.signal.artifact.ArtifactView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;

/** {@code POST /api/v1/backtests}: a deterministic backtest written as a DRAFT artifact (201; 200 when identical exists). */
@Path("/api/v1/backtests")
public class BacktestResource {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Answer(boolean existed, ArtifactView artifact) {
    }

    private final BacktestService service;
    private final SecurityIdentity identity;

    public BacktestResource(BacktestService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ApiKeyScope.Names.ARTIFACTS_APPROVE)
    public Uni<RestResponse<Answer>> run(BacktestService.Request request) {
        return service.run(request, identity.getPrincipal().getName()).map(o -> RestResponse.status(
                o.existed() ? RestResponse.Status.OK : RestResponse.Status.CREATED, new Answer(o.existed(), ArtifactView.of(o.artifact()))));
    }
}

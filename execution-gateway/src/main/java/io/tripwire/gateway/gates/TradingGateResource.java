package io.tripwire.gateway.gates;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.auth.ApiKeyScope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;

/** Daily trading gates: what this gateway enforces, and the endpoint the daily runs record their evaluation on. */
@Path("/api/v1/trading-gates")
public class TradingGateResource {

    /** The body of an evaluation: {@code reasons} ([] = every check passed), optional {@code run_id}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record EvaluationRequest(List<String> reasons, String runId) {
    }

    /** The answer: whether it changed anything, the stores that confirmed, the gate now. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record GateChangeView(boolean changed, List<String> confirmed, TradingGateService.TradingGateView gate) {
    }

    private final TradingGateService gates;
    private final SecurityIdentity identity;

    public TradingGateResource(TradingGateService gates, SecurityIdentity identity) {
        this.gates = gates;
        this.identity = identity;
    }

    @GET
    @RolesAllowed(ApiKeyScope.Names.ORDERS_READ)
    public Uni<List<TradingGateService.TradingGateView>> list() {
        return gates.configured();
    }

    @PUT
    @Path("/{scope}")
    @RolesAllowed(ApiKeyScope.Names.CONFIG_WRITE)
    public Uni<GateChangeView> evaluate(@PathParam("scope") String scope, EvaluationRequest request) {
        TradingGateService.Evaluation evaluation = request == null ? null
                : new TradingGateService.Evaluation(request.reasons(), request.runId());
        return gates.record(scope, evaluation, identity.getPrincipal().getName())
                .map(result -> new GateChangeView(result.changed(),
                        result.confirmed().stream().map(Enum::name).sorted().toList(),
                        gates.view(scope, result.value())));
    }
}

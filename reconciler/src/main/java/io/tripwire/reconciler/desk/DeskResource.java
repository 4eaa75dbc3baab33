package io.tripwire.reconciler.desk;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.auth.ApiKeyScope;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.reject.RejectException;
import io.tripwire.controlplane.state.StateCodec;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** The manual desk's commands (seed 002): runs, daily reconciliation, confirmations, cash movements, run list. */
@Path("/api/v1/desk")
@Produces(MediaType.APPLICATION_JSON)
public class DeskResource {

    /** A broker snapshot as typed by the operator: {@code positions} {SYMBOL: units}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SnapshotRequest(String snapshotDate, String cash, Map<String, String> positions, String notes) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record AckRequest(String ticketId, String notes) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CashRequest(String amount, String notes) {
    }

    private final DeskService desk;
    private final ConfirmationService confirmations;
    private final CashService cash;
    private final DeskRepository runs;
    private final DeskConfig config;
    private final SecurityIdentity identity;

    public DeskResource(DeskService desk, ConfirmationService confirmations, CashService cash, DeskRepository runs,
                        DeskConfig config, SecurityIdentity identity) {
        this.desk = desk;
        this.confirmations = confirmations;
        this.cash = cash;
        this.runs = runs;
        this.config = config;
        this.identity = identity;
    }

    /** {@code kind} ops (make run-ops) or 0800 (make run-0800): data-quality report and gates. */
    @POST
    @Path("/runs/data")
    @RolesAllowed(ApiKeyScope.Names.CONFIG_WRITE)
    public Uni<Response> dataRun(@QueryParam("kind") @DefaultValue("0800") String kind) {
        String k = switch (kind) {
            case "0800" -> "RUN_0800";
            case "ops" -> "OPS";
            default -> throw Fills.invalid("kind", "kind must be 0800 or ops");
        };
        return desk.dataRun(k, actor()).map(DeskResource::ok);
    }

    /** make run-1400: the one ticket ({@code dryrun_trades=true}: a TRADE ticket may be emitted when every gate passes). */
    @POST
    @Path("/runs/ticket")
    @RolesAllowed(ApiKeyScope.Names.CONFIG_WRITE)
    public Uni<Response> ticketRun(@QueryParam("dryrun_trades") @DefaultValue("false") boolean dryRunTrades) {
        return desk.ticketRun(dryRunTrades, actor()).map(DeskResource::ok);
    }

    @POST
    @Path("/reconciliations")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ApiKeyScope.Names.CONFIG_WRITE)
    public Uni<Response> reconcile(SnapshotRequest request) {
        return Uni.createFrom().item(() -> SnapshotParser.parse(request, config.universe()))
                .chain(snapshot -> desk.reconcile(snapshot, actor())).map(DeskResource::ok);
    }

    @POST
    @Path("/confirmations/ack")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ApiKeyScope.Names.CONFIG_WRITE)
    public Uni<Response> acknowledge(AckRequest request) {
        return confirmations.acknowledge(request == null ? null : request.ticketId(), request == null ? null : request.notes(),
                actor()).map(DeskResource::ok);
    }

    /** The body is the operator's fills file as is (parsed here, so malformed JSON gets a precise 400). */
    @POST
    @Path("/confirmations/fills")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    @RolesAllowed(ApiKeyScope.Names.CONFIG_WRITE)
    public Uni<Response> fills(String body, @QueryParam("ticket_id") String ticketId) {
        return confirmations.fills(body, ticketId, actor()).map(DeskResource::ok);
    }

    @POST
    @Path("/ledger/cash")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ApiKeyScope.Names.CONFIG_WRITE)
    public Uni<Response> cash(CashRequest request) {
        return cash.move(request == null ? null : request.amount(), request == null ? null : request.notes(), actor())
                .map(DeskResource::ok);
    }

    @GET
    @Path("/runs")
    @RolesAllowed(ApiKeyScope.Names.ORDERS_READ)
    public Uni<Response> recent(@QueryParam("limit") @DefaultValue("20") int limit) {
        if (limit < 1 || limit > 500) {
            throw new RejectException(RejectCode.VALIDATION_FAILED, "limit must be 1..500",
                    Map.of("fields", Map.of("limit", "must be 1..500")));
        }
        return runs.recent(limit).map(DeskResource::ok);
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }

    private static Response ok(Object body) {
        return Response.ok(StateCodec.encode(body), MediaType.APPLICATION_JSON).build();
    }
}

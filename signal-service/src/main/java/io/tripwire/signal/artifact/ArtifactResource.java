package io.tripwire.signal.artifact;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.artifact.ArtifactState;
import io.tripwire.controlplane.auth.ApiKeyScope;
import io.tripwire.signal.web.FieldErrors;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jboss.resteasy.reactive.ResponseStatus;

/** Strategy artifacts: create (DRAFT), list, show, approve step by step, activate, deprecate, revoke, rollback. */
@Path("/api/v1/artifacts")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class ArtifactResource {

    private static final int MAX_LIST = 500;

    private final ArtifactRepository repository;
    private final ArtifactService service;
    private final SecurityIdentity identity;

    public ArtifactResource(ArtifactRepository repository, ArtifactService service, SecurityIdentity identity) {
        this.repository = repository;
        this.service = service;
        this.identity = identity;
    }

    @GET
    public Uni<List<ArtifactView>> list(@QueryParam("state") String state, @QueryParam("limit") @DefaultValue("100") String limit) {
        Optional<ArtifactState> filter = state == null || state.isBlank() ? Optional.empty() : Optional.of(state(state));
        return repository.list(filter, limit(limit)).map(all -> all.stream().map(ArtifactView::of).toList());
    }

    @GET
    @Path("/{artifactId}")
    public Uni<ArtifactView> show(@PathParam("artifactId") String artifactId) {
        return repository.find(artifactId).chain(found -> {
            Artifact a = found.orElseThrow(() -> ArtifactService.notFound(artifactId));
            return repository.approvals(a.id()).chain(approvals -> repository.stateChanges(a.id())
                    .map(changes -> ArtifactView.of(a, approvals, changes)));
        });
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ApiKeyScope.Names.ARTIFACTS_APPROVE)
    @ResponseStatus(201)
    public Uni<ArtifactView> create(ArtifactRequests.Create request) {
        return service.create(request, actor()).map(ArtifactView::of);
    }

    @POST
    @Path("/{artifactId}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ApiKeyScope.Names.ARTIFACTS_APPROVE)
    public Uni<ArtifactView> approve(@PathParam("artifactId") String artifactId, ArtifactRequests.Approve request) {
        return service.approve(artifactId, request, actor()).map(ArtifactView::of);
    }

    @POST
    @Path("/{artifactId}/activate")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ApiKeyScope.Names.ARTIFACTS_APPROVE)
    public Uni<ArtifactView> activate(@PathParam("artifactId") String artifactId, ArtifactRequests.Reason request) {
        return service.activate(artifactId, request, actor()).map(ArtifactView::of);
    }

    @POST
    @Path("/{artifactId}/deprecate")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ApiKeyScope.Names.ARTIFACTS_APPROVE)
    public Uni<ArtifactView> deprecate(@PathParam("artifactId") String artifactId, ArtifactRequests.Reason request) {
        return service.deprecate(artifactId, request, actor()).map(ArtifactView::of);
    }

    @POST
    @Path("/{artifactId}/revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ApiKeyScope.Names.ARTIFACTS_APPROVE)
    public Uni<ArtifactView> revoke(@PathParam("artifactId") String artifactId, ArtifactRequests.Reason request) {
        return service.revoke(artifactId, request, actor()).map(ArtifactView::of);
    }

    /** Body {@code {to, reason}}; answers the artifacts it changed (the deprecated ones, then the re-approved one). */
    @POST
    @Path("/rollback")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ApiKeyScope.Names.ARTIFACTS_APPROVE)
    public Uni<List<ArtifactView>> rollback(ArtifactRequests.Rollback request) {
        return service.rollback(request, actor()).map(all -> all.stream().map(ArtifactView::of).toList());
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }

    private static ArtifactState state(String value) {
        try {
            return ArtifactState.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw FieldErrors.invalid("state", "must be one of " + List.of(ArtifactState.values()));
        }
    }

    private static int limit(String value) {
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIST) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw FieldErrors.invalid("limit", "must be an integer from 1 to " + MAX_LIST);
    }
}

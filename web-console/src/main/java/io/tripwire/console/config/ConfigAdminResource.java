package io.tripwire.console.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.auth.ApiKeyScope;
import io.tripwire.controlplane.riskconfig.RiskConfigService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.util.List;

/**
 * Risk configuration API (issue 11): read with any valid key, preview and apply with scope {@code config:write}.
 * A bad value is a 400 VALIDATION_FAILED with {@code details.fields} and nothing is saved; a stale
 * {@code expected_version} is a 409 STATE_CONFLICT; PostgreSQL down is a 503 CONTROL_PLANE_UNAVAILABLE.
 */
@Path("/api/v1/admin/config")
public class ConfigAdminResource {

    /** What a preview shows: the version it was made against and every field that would move. */
    public record PreviewView(@JsonProperty("current_version") long currentVersion, List<ConfigView.Change> changes) {
    }

    /** What an apply did: the version now current, whether it changed anything, whether config:changed went out. */
    public record AppliedView(long version, boolean changed, boolean published, List<ConfigView.Change> changes) {
    }

    private final RiskConfigService service;
    private final SecurityIdentity identity;

    public ConfigAdminResource(RiskConfigService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @GET
    @Authenticated
    public Uni<ConfigView> current() {
        return service.current().map(ConfigView::of);
    }

    @POST
    @Path("/preview")
    @RolesAllowed(ApiKeyScope.Names.CONFIG_WRITE)
    public Uni<PreviewView> preview(@NotNull ConfigRequests.Preview request) {
        var settings = ConfigRequests.asText(request.settings());
        return service.current().chain(loaded -> service.preview(settings)
                .map(changes -> new PreviewView(loaded.newestVersion(), ConfigView.Change.of(changes))));
    }

    @PUT
    @RolesAllowed(ApiKeyScope.Names.CONFIG_WRITE)
    public Uni<AppliedView> apply(@NotNull ConfigRequests.Apply request) {
        var settings = ConfigRequests.asText(request.settings());
        return service.apply(settings, identity.getPrincipal().getName(), request.reason(), request.expectedVersion())
                .map(a -> new AppliedView(a.version(), a.changed(), a.published(), ConfigView.Change.of(a.changes())));
    }
}

package io.tripwire.healthmonitor.api;

import io.smallrye.common.annotation.NonBlocking;
import io.tripwire.controlplane.auth.ApiKeyScope;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.reject.RejectException;
import io.tripwire.healthmonitor.config.HealthMonitorConfig;
import io.tripwire.healthmonitor.poll.HealthBook;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/** The health summary the console's System Health page shows, and one component's entry. Scope {@code orders:read}. */
@Path("/api/v1/health")
@RolesAllowed(ApiKeyScope.Names.ORDERS_READ)
@Produces(MediaType.APPLICATION_JSON)
@NonBlocking
public class HealthResource {

    private final HealthBook book;
    private final long pollIntervalMs;

    public HealthResource(HealthBook book, HealthMonitorConfig config) {
        this.book = book;
        this.pollIntervalMs = config.pollInterval().toMillis();
    }

    @GET
    @Path("/summary")
    public HealthSummary summary() {
        Instant now = book.now();
        List<ComponentView> components = book.all().stream()
                .map(s -> ComponentView.of(s, now, book.staleAfter())).toList();
        return new HealthSummary(HealthSummary.overall(components), components.stream().anyMatch(ComponentView::stale),
                now, pollIntervalMs, components);
    }

    @GET
    @Path("/components/{name}")
    public ComponentView component(@PathParam("name") String name) {
        return book.get(name).map(s -> ComponentView.of(s, book.now(), book.staleAfter()))
                .orElseThrow(() -> new RejectException(RejectCode.NOT_FOUND, "no health component " + name));
    }
}

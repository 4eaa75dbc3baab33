package io.tripwire.console.pages;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.tripwire.console.ConsoleConfig;
import io.tripwire.console.session.ConsoleAuth;
import io.tripwire.console.session.ConsoleSession;
import io.tripwire.console.upstream.HealthMonitorClient;
import io.tripwire.console.upstream.UpstreamResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * System Health (seed 003): every component of the health monitor's summary with its colour, latency,
 * message and staleness; the panel refreshes itself every {@code AUTO_REFRESH_INTERVAL} through htmx. When
 * the summary cannot be fetched, the last one fetched is shown grey with a staleness warning.
 */
@Path("/console/health")
@Produces(MediaType.TEXT_HTML)
public class HealthResource {

    private record Fetched(JsonNode summary, Instant at) {
    }

    private final Template page;
    private final Template panel;
    private final ConsoleAuth auth;
    private final HealthMonitorClient monitor;
    private final ConsoleConfig config;
    private final Clock clock;
    private final AtomicReference<Fetched> lastGood = new AtomicReference<>();

    public HealthResource(@Location("console/health.html") Template page, @Location("console/health-panel.html") Template panel,
                          ConsoleAuth auth, HealthMonitorClient monitor, ConsoleConfig config, Clock clock) {
        this.page = page;
        this.panel = panel;
        this.auth = auth;
        this.monitor = monitor;
        this.config = config;
        this.clock = clock;
    }

    @GET
    public TemplateInstance page(HttpHeaders headers) {
        ConsoleSession session = auth.require(headers);
        return page.data("frame", new PageFrame(session, "health", "System Health", config.autoRefreshInterval().toSeconds(), null))
                .data("health", view());
    }

    @GET
    @Path("/panel")
    public TemplateInstance panel(HttpHeaders headers) {
        auth.require(headers);
        return panel.data("health", view());
    }

    private HealthView view() {
        UpstreamResponse response = monitor.summary();
        if (response.ok() && response.body().isObject()) {
            lastGood.set(new Fetched(response.body(), clock.instant()));
            return HealthView.of(response.body(), false, null);
        }
        Fetched last = lastGood.get();
        String problem = "Health monitor not reachable (" + response.problem() + ").";
        if (last == null) {
            return HealthView.unavailable(problem + " No status known yet.");
        }
        long age = Duration.between(last.at(), clock.instant()).toSeconds();
        return HealthView.of(last.summary(), true, problem + " Showing the last known status, " + age + " s old.");
    }
}

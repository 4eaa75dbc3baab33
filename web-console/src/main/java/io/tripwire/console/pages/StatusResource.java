package io.tripwire.console.pages;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.tripwire.console.ConsoleConfig;
import io.tripwire.console.session.ConsoleAuth;
import io.tripwire.console.session.ConsoleSession;
import io.tripwire.console.upstream.GatewayClient;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/** Status: the gateway's {@code GET /api/v1/status} rendered (breaker, kill switch, reconciliation, P&L, positions, open orders). */
@Path("/console/status")
@Produces(MediaType.TEXT_HTML)
public class StatusResource {

    private final Template page;
    private final Template panel;
    private final ConsoleAuth auth;
    private final GatewayClient gateway;
    private final ConsoleConfig config;

    public StatusResource(@Location("console/status.html") Template page, @Location("console/status-panel.html") Template panel,
                          ConsoleAuth auth, GatewayClient gateway, ConsoleConfig config) {
        this.page = page;
        this.panel = panel;
        this.auth = auth;
        this.gateway = gateway;
        this.config = config;
    }

    @GET
    public TemplateInstance page(HttpHeaders headers) {
        ConsoleSession session = auth.require(headers);
        return page.data("frame", new PageFrame(session, "status", "Status", config.autoRefreshInterval().toSeconds(), null))
                .data("status", StatusView.of(gateway.status()));
    }

    @GET
    @Path("/panel")
    public TemplateInstance panel(HttpHeaders headers) {
        auth.require(headers);
        return panel.data("status", StatusView.of(gateway.status()));
    }
}

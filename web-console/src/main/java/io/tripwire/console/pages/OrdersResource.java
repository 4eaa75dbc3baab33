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

/** Orders & positions (viewer and up): the gateway's {@code GET /api/v1/orders}, {@code /positions} and the P&L of {@code /status}. */
@Path("/console/orders")
@Produces(MediaType.TEXT_HTML)
public class OrdersResource {

    private final Template page;
    private final Template panel;
    private final ConsoleAuth auth;
    private final GatewayClient gateway;
    private final ConsoleConfig config;

    public OrdersResource(@Location("console/orders.html") Template page, @Location("console/orders-panel.html") Template panel,
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
        return page.data("frame", new PageFrame(session, "orders", "Orders & Positions", config.autoRefreshInterval().toSeconds(),
                null)).data("orders", view());
    }

    @GET
    @Path("/panel")
    public TemplateInstance panel(HttpHeaders headers) {
        auth.require(headers);
        return panel.data("orders", view());
    }

    private OrdersView view() {
        return OrdersView.of(gateway.orders(), gateway.positions(), gateway.status());
    }
}

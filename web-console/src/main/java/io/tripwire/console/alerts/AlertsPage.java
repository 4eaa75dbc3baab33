package io.tripwire.console.alerts;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.tripwire.console.ConsoleConfig;
import io.tripwire.console.pages.PageFrame;
import io.tripwire.console.session.ConsoleSession;
import io.tripwire.console.upstream.AlertRouterClient;
import io.tripwire.console.upstream.UpstreamResponse;
import io.tripwire.console.web.Flash;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Renders the Alerts page (rules, rule form, deliveries, poison queue) with a status and a message. */
@ApplicationScoped
public class AlertsPage {

    static final int DELIVERIES = 50;
    static final int MIN_REASON = 10;

    private final Template page;
    private final AlertRouterClient router;
    private final ConsoleConfig config;

    public AlertsPage(@Location("console/alerts.html") Template page, AlertRouterClient router, ConsoleConfig config) {
        this.page = page;
        this.router = router;
        this.config = config;
    }

    public AlertsView view() {
        return AlertsView.of(router.rules(), router.deliveries(null, DELIVERIES), router.deliveries("poison", DELIVERIES));
    }

    public Response render(int status, ConsoleSession session, Flash flash, RuleForm form) {
        String html = page.data("frame", new PageFrame(session, "alerts", "Alerts", config.autoRefreshInterval().toSeconds(), flash))
                .data("alerts", view()).data("form", form).data("minReason", MIN_REASON).render();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(html).build();
    }

    /** The page status for a refused or unanswered call: the router's own, 502 when it did not answer. */
    static int statusOf(UpstreamResponse answer) {
        return answer.status() == 0 ? 502 : answer.status();
    }
}

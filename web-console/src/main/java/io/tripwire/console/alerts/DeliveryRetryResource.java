package io.tripwire.console.alerts;

import io.tripwire.console.session.ConsoleAuth;
import io.tripwire.console.session.ConsoleSession;
import io.tripwire.console.upstream.AlertRouterClient;
import io.tripwire.console.upstream.UpstreamResponse;
import io.tripwire.console.web.ConsoleAudit;
import io.tripwire.console.web.Flash;
import io.tripwire.controlplane.auth.OperatorService.Role;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Retry of a poisoned (or expired, failed) delivery: seed 003's runbook SQL, through alert-router's
 * {@code POST /api/v1/deliveries/{id}/retry} (status back to pending, retry_count 0, audited in its transaction,
 * sent at once). Operators and admins; the reason is forwarded with the operator's name and audited
 * {@code CONSOLE_ALERT_RETRY}.
 */
@Path("/console/alerts/deliveries")
@Produces(MediaType.TEXT_HTML)
public class DeliveryRetryResource {

    private final AlertsPage page;
    private final ConsoleAuth auth;
    private final AlertRouterClient router;
    private final ConsoleAudit audit;

    public DeliveryRetryResource(AlertsPage page, ConsoleAuth auth, AlertRouterClient router, ConsoleAudit audit) {
        this.page = page;
        this.auth = auth;
        this.router = router;
        this.audit = audit;
    }

    @POST
    @Path("/{id}/retry")
    public Response retry(@PathParam("id") long id, @RestForm String reason, @RestForm("_csrf") String csrf,
                          HttpHeaders headers) {
        ConsoleSession session = auth.requireForm(headers, csrf, Role.OPERATOR, "CONSOLE_ALERT_RETRY");
        String trimmed = reason == null ? "" : reason.strip();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("delivery_id", id);
        if (trimmed.length() < AlertsPage.MIN_REASON || trimmed.length() > 500) {
            audit.record(session.actor(), "CONSOLE_ALERT_RETRY", "alert_delivery", trimmed, details, ConsoleAudit.REFUSED);
            return page.render(400, session, Flash.error("Not retried. The reason must be " + AlertsPage.MIN_REASON
                    + " to 500 characters (it has " + trimmed.length() + ")."), RuleForm.empty());
        }
        UpstreamResponse answer = router.retry(id, "[console operator " + session.username() + "] " + trimmed);
        details.put("router_status", answer.status());
        if (answer.code() != null) {
            details.put("code", answer.code());
        }
        audit.record(session.actor(), "CONSOLE_ALERT_RETRY", "alert_delivery", trimmed, details,
                answer.ok() ? ConsoleAudit.SUCCESS : answer.status() == 0 ? ConsoleAudit.FAILED : ConsoleAudit.REFUSED);
        if (answer.ok()) {
            return Response.seeOther(URI.create("/console/alerts?done=retried")).build();
        }
        return page.render(AlertsPage.statusOf(answer), session, Flash.error("Retry refused by the alert router: "
                + answer.problem()), RuleForm.empty());
    }
}

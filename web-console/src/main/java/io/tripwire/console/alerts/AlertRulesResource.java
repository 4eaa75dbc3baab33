package io.tripwire.console.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import io.tripwire.console.session.ConsoleAuth;
import io.tripwire.console.session.ConsoleSession;
import io.tripwire.console.upstream.AlertRouterClient;
import io.tripwire.console.upstream.UpstreamResponse;
import io.tripwire.console.web.ConsoleAudit;
import io.tripwire.console.web.Flash;
import io.tripwire.controlplane.auth.OperatorService.Role;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Alerts → routing rules: every viewer reads them; operators and admins create, edit and disable them through
 * alert-router's {@code /api/v1/rules} (which validates and audits with the console's key); the console audits each
 * change with the operator's name ({@code CONSOLE_ALERT_RULE_CREATE}, {@code _UPDATE}, {@code _DISABLE}).
 */
@Path("/console/alerts")
@Produces(MediaType.TEXT_HTML)
public class AlertRulesResource {

    private static final Map<String, String> DONE = Map.of(
            "created", "Routing rule created.", "updated", "Routing rule saved.", "disabled", "Routing rule disabled.",
            "retried", "Delivery re-queued: it goes out again now.");

    private final AlertsPage page;
    private final ConsoleAuth auth;
    private final AlertRouterClient router;
    private final ConsoleAudit audit;

    public AlertRulesResource(AlertsPage page, ConsoleAuth auth, AlertRouterClient router, ConsoleAudit audit) {
        this.page = page;
        this.auth = auth;
        this.router = router;
        this.audit = audit;
    }

    @GET
    public Response show(@QueryParam("done") String done, @QueryParam("edit") Long edit, HttpHeaders headers) {
        ConsoleSession session = auth.require(headers);
        RuleForm form = RuleForm.empty();
        if (edit != null && session.canOperate()) {
            JsonNode rule = find(edit);
            if (rule == null) {
                return page.render(404, session, Flash.error("No routing rule " + edit + "."), form);
            }
            form = RuleForm.of(rule);
        }
        String text = done == null ? null : DONE.get(done);
        return page.render(200, session, text == null ? null : Flash.ok(text), form);
    }

    @POST
    @Path("/rules")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(MultivaluedMap<String, String> form, HttpHeaders headers) {
        ConsoleSession session = auth.requireForm(headers, form.getFirst("_csrf"), Role.OPERATOR, "CONSOLE_ALERT_RULE_CREATE");
        return save(session, RuleForm.of(null, form), "CONSOLE_ALERT_RULE_CREATE", "created");
    }

    @POST
    @Path("/rules/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@PathParam("id") long id, MultivaluedMap<String, String> form, HttpHeaders headers) {
        ConsoleSession session = auth.requireForm(headers, form.getFirst("_csrf"), Role.OPERATOR, "CONSOLE_ALERT_RULE_UPDATE");
        return save(session, RuleForm.of(id, form), "CONSOLE_ALERT_RULE_UPDATE", "updated");
    }

    @POST
    @Path("/rules/{id}/disable")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response disable(@PathParam("id") long id, MultivaluedMap<String, String> form, HttpHeaders headers) {
        ConsoleSession session = auth.requireForm(headers, form.getFirst("_csrf"), Role.OPERATOR, "CONSOLE_ALERT_RULE_DISABLE");
        JsonNode rule = find(id);
        if (rule == null) {
            return page.render(404, session, Flash.error("No routing rule " + id + " (or the alert router did not answer)."),
                    RuleForm.empty());
        }
        RuleForm current = RuleForm.of(rule);
        RuleForm disabled = new RuleForm(current.id(), current.name(), current.priority(), current.info(), current.warning(),
                current.critical(), current.targets(), current.escalation(), current.labels(), current.stopOnMatch(), false,
                Map.of());
        return save(session, disabled, "CONSOLE_ALERT_RULE_DISABLE", "disabled");
    }

    private Response save(ConsoleSession session, RuleForm form, String action, String done) {
        Map<String, String> errors = new HashMap<>();
        Map<String, Object> body = form.body(errors);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("rule", form.name());
        if (form.id() != null) {
            details.put("rule_id", form.id());
        }
        if (!errors.isEmpty()) {
            details.put("fields", errors);
            audit.record(session.actor(), action, "alert_rule", null, details, ConsoleAudit.REFUSED);
            return page.render(400, session, Flash.error("Nothing saved: " + errors.size() + " field(s) need a fix."),
                    form.withErrors(errors));
        }
        UpstreamResponse answer = form.id() == null ? router.createRule(body) : router.replaceRule(form.id(), body);
        details.put("router_status", answer.status());
        if (answer.code() != null) {
            details.put("code", answer.code());
        }
        audit.record(session.actor(), action, "alert_rule", null, details,
                answer.ok() ? ConsoleAudit.SUCCESS : answer.status() == 0 ? ConsoleAudit.FAILED : ConsoleAudit.REFUSED);
        if (answer.ok()) {
            return Response.seeOther(URI.create("/console/alerts?done=" + done)).build();
        }
        Map<String, String> fields = new HashMap<>();
        answer.body().path("details").path("fields").fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().asText()));
        String text = fields.isEmpty() ? "Refused by the alert router: " + answer.problem()
                : "Nothing saved: the alert router refused " + fields.size() + " field(s).";
        return page.render(AlertsPage.statusOf(answer), session, Flash.error(text), form.withErrors(fields));
    }

    private JsonNode find(long id) {
        UpstreamResponse rules = router.rules();
        for (JsonNode rule : rules.ok() ? rules.body() : io.tripwire.console.web.Json.EMPTY) {
            if (rule.path("id").asLong() == id) {
                return rule;
            }
        }
        return null;
    }
}

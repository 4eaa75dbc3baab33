package io.tripwire.console.pages;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.tripwire.console.ConsoleConfig;
import io.tripwire.console.session.ConsoleAuth;
import io.tripwire.console.session.ConsoleSession;
import io.tripwire.console.upstream.GatewayClient;
import io.tripwire.console.upstream.UpstreamResponse;
import io.tripwire.console.web.ConsoleAudit;
import io.tripwire.console.web.Flash;
import io.tripwire.controlplane.auth.OperatorService.Role;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Kill switch (seed 003 "Flatten"): HALT_ONLY or CLOSE_POSITIONS with a reason and a confirmation, its
 * state and flatten progress (positions left, working orders), and deactivation with a reason.
 * Operators and admins only; viewers see the state.
 */
@Path("/console/kill-switch")
@Produces(MediaType.TEXT_HTML)
public class KillSwitchResource {

    static final int MIN_REASON = 10;
    private static final Set<String> MODES = Set.of("HALT_ONLY", "CLOSE_POSITIONS");
    private static final Map<String, String> DONE = Map.of(
            "activated", "Kill switch activated: working orders are being canceled.",
            "unchanged", "The kill switch was already on in that mode (it is never downgraded): nothing changed.",
            "deactivated", "Kill switch deactivated.",
            "was-off", "The kill switch was already off: nothing changed.");

    private final Template page;
    private final Template panel;
    private final ConsoleAuth auth;
    private final GatewayClient gateway;
    private final ConsoleAudit audit;
    private final ConsoleConfig config;

    public KillSwitchResource(@Location("console/kill-switch.html") Template page,
                              @Location("console/kill-switch-panel.html") Template panel, ConsoleAuth auth,
                              GatewayClient gateway, ConsoleAudit audit, ConsoleConfig config) {
        this.page = page;
        this.panel = panel;
        this.auth = auth;
        this.gateway = gateway;
        this.audit = audit;
        this.config = config;
    }

    @GET
    public Response page(@QueryParam("done") String done, HttpHeaders headers) {
        ConsoleSession session = auth.require(headers);
        String text = done == null ? null : DONE.get(done);
        return render(200, session, text == null ? null : Flash.ok(text));
    }

    @GET
    @Path("/panel")
    public String panel(HttpHeaders headers) {
        auth.require(headers);
        return panel.data("kill", view()).render();
    }

    @POST
    @Path("/activate")
    public Response activate(@RestForm String mode, @RestForm String reason, @RestForm String confirmed,
                             @RestForm("_csrf") String csrf, HttpHeaders headers) {
        ConsoleSession session = auth.requireForm(headers, csrf, Role.OPERATOR, "CONSOLE_KILL_SWITCH_ACTIVATE");
        String problem = !MODES.contains(mode) ? "Choose HALT_ONLY or CLOSE_POSITIONS." : validate(reason, confirmed);
        if (problem != null) {
            audit.record(session.actor(), "CONSOLE_KILL_SWITCH_ACTIVATE", "kill_switch", reason, Map.of("problem", problem),
                    ConsoleAudit.REFUSED);
            return render(400, session, Flash.error("Not activated. " + problem));
        }
        UpstreamResponse answer = gateway.activateKillSwitch(mode, Reasons.forwarded(session, reason));
        audited(session, "CONSOLE_KILL_SWITCH_ACTIVATE", reason, answer, mode);
        if (answer.ok()) {
            boolean changed = answer.body().path("changed").asBoolean(true);
            return Response.seeOther(URI.create("/console/kill-switch?done=" + (changed ? "activated" : "unchanged"))).build();
        }
        return render(BreakerResource.statusOf(answer), session, Flash.error("Activation refused by the gateway: " + answer.problem()));
    }

    @POST
    @Path("/deactivate")
    public Response deactivate(@RestForm String reason, @RestForm String confirmed, @RestForm("_csrf") String csrf,
                               HttpHeaders headers) {
        ConsoleSession session = auth.requireForm(headers, csrf, Role.OPERATOR, "CONSOLE_KILL_SWITCH_DEACTIVATE");
        String problem = validate(reason, confirmed);
        if (problem != null) {
            audit.record(session.actor(), "CONSOLE_KILL_SWITCH_DEACTIVATE", "kill_switch", reason, Map.of("problem", problem),
                    ConsoleAudit.REFUSED);
            return render(400, session, Flash.error("Not deactivated. " + problem));
        }
        UpstreamResponse answer = gateway.deactivateKillSwitch(Reasons.forwarded(session, reason));
        audited(session, "CONSOLE_KILL_SWITCH_DEACTIVATE", reason, answer, null);
        if (answer.ok()) {
            boolean changed = answer.body().path("changed").asBoolean(true);
            return Response.seeOther(URI.create("/console/kill-switch?done=" + (changed ? "deactivated" : "was-off"))).build();
        }
        return render(BreakerResource.statusOf(answer), session, Flash.error("Deactivation refused by the gateway: " + answer.problem()));
    }

    private static String validate(String reason, String confirmed) {
        String problem = Reasons.problem(reason, MIN_REASON);
        if (problem == null && !Reasons.checked(confirmed)) {
            problem = "Tick the confirmation box.";
        }
        return problem;
    }

    private void audited(ConsoleSession session, String action, String reason, UpstreamResponse answer, String mode) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("gateway_status", answer.status());
        if (mode != null) {
            details.put("mode", mode);
        }
        if (answer.code() != null) {
            details.put("code", answer.code());
        }
        String outcome = answer.ok() ? ConsoleAudit.SUCCESS : answer.status() == 0 ? ConsoleAudit.FAILED : ConsoleAudit.REFUSED;
        audit.record(session.actor(), action, "kill_switch", reason.trim(), details, outcome);
    }

    private Response render(int status, ConsoleSession session, Flash flash) {
        String html = page.data("frame", new PageFrame(session, "kill-switch", "Kill Switch",
                        config.autoRefreshInterval().toSeconds(), flash))
                .data("kill", view()).data("minReason", MIN_REASON).render();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(html).build();
    }

    private KillSwitchView view() {
        return KillSwitchView.of(gateway.killSwitch(), gateway.status());
    }
}

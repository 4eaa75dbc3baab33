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
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Circuit Breaker (seed 003): state, trip conditions, quiet-period countdown and history; Trip and Reset
 * forms (reason ≥ 20 characters + acknowledgement) for operators and admins. Viewers see no forms and are
 * refused 403 if they post one anyway. The gateway's answers (409, 429 one reset per minute, 503) are shown
 * as messages with the gateway's status.
 */
@Path("/console/breaker")
@Produces(MediaType.TEXT_HTML)
public class BreakerResource {

    static final int MIN_REASON = 20;
    private static final Map<String, String> DONE = Map.of(
            "tripped", "Circuit breaker tripped: all new risk-increasing orders are refused.",
            "already-tripped", "The breaker was already TRIPPED: nothing changed.",
            "reset", "Circuit breaker reset: QUIET_PERIOD (reduce-only) until the countdown ends, then OPEN.");

    private final Template page;
    private final Template panel;
    private final ConsoleAuth auth;
    private final GatewayClient gateway;
    private final ConsoleAudit audit;
    private final ConsoleConfig config;
    private final Clock clock;

    public BreakerResource(@Location("console/breaker.html") Template page, @Location("console/breaker-panel.html") Template panel,
                           ConsoleAuth auth, GatewayClient gateway, ConsoleAudit audit, ConsoleConfig config, Clock clock) {
        this.page = page;
        this.panel = panel;
        this.auth = auth;
        this.gateway = gateway;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
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
        ConsoleSession session = auth.require(headers);
        return panel.data("breaker", view()).data("frame", frame(session, null)).render();
    }

    @POST
    @Path("/trip")
    public Response trip(@RestForm String reason, @RestForm String acknowledged, @RestForm("_csrf") String csrf,
                         HttpHeaders headers) {
        ConsoleSession session = auth.requireForm(headers, csrf, Role.OPERATOR, "CONSOLE_BREAKER_TRIP");
        String problem = validate(reason, acknowledged);
        if (problem != null) {
            audit.record(session.actor(), "CONSOLE_BREAKER_TRIP", "circuit_breaker", reason, Map.of("problem", problem),
                    ConsoleAudit.REFUSED);
            return render(400, session, Flash.error("Not tripped. " + problem));
        }
        UpstreamResponse answer = gateway.trip(Reasons.forwarded(session, reason));
        audited(session, "CONSOLE_BREAKER_TRIP", reason, answer);
        if (answer.ok()) {
            boolean changed = answer.body().path("changed").asBoolean(true);
            return Response.seeOther(URI.create("/console/breaker?done=" + (changed ? "tripped" : "already-tripped"))).build();
        }
        return render(statusOf(answer), session, Flash.error("Trip refused by the gateway: " + answer.problem()));
    }

    @POST
    @Path("/reset")
    public Response reset(@RestForm String reason, @RestForm String acknowledged, @RestForm("_csrf") String csrf,
                          HttpHeaders headers) {
        ConsoleSession session = auth.requireForm(headers, csrf, Role.OPERATOR, "CONSOLE_BREAKER_RESET");
        String problem = validate(reason, acknowledged);
        if (problem != null) {
            audit.record(session.actor(), "CONSOLE_BREAKER_RESET", "circuit_breaker", reason, Map.of("problem", problem),
                    ConsoleAudit.REFUSED);
            return render(400, session, Flash.error("Not reset. " + problem));
        }
        UpstreamResponse answer = gateway.reset(Reasons.forwarded(session, reason));
        audited(session, "CONSOLE_BREAKER_RESET", reason, answer);
        if (answer.ok()) {
            return Response.seeOther(URI.create("/console/breaker?done=reset")).build();
        }
        return render(statusOf(answer), session, Flash.error(resetRefusal(answer)));
    }

    static String resetRefusal(UpstreamResponse answer) {
        if (answer.status() == 429) {
            return "Reset refused: only one reset per minute is allowed (global, any operator). Try again in "
                    + answer.retryAfter().orElse("a few") + " s.";
        }
        if ("STATE_CONFLICT".equals(answer.code())) {
            return "Reset refused: the breaker is not TRIPPED (or it changed meanwhile). " + answer.problem();
        }
        return "Reset refused by the gateway: " + answer.problem();
    }

    private static String validate(String reason, String acknowledged) {
        String problem = Reasons.problem(reason, MIN_REASON);
        if (problem == null && !Reasons.checked(acknowledged)) {
            problem = "Tick the acknowledgement box to confirm.";
        }
        return problem;
    }

    private void audited(ConsoleSession session, String action, String reason, UpstreamResponse answer) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("gateway_status", answer.status());
        if (answer.code() != null) {
            details.put("code", answer.code());
        }
        String outcome = answer.ok() ? ConsoleAudit.SUCCESS : answer.status() == 0 ? ConsoleAudit.FAILED : ConsoleAudit.REFUSED;
        audit.record(session.actor(), action, "circuit_breaker", reason.trim(), details, outcome);
    }

    static int statusOf(UpstreamResponse answer) {
        return answer.status() == 0 ? 502 : answer.status();
    }

    private Response render(int status, ConsoleSession session, Flash flash) {
        String html = page.data("frame", frame(session, flash)).data("breaker", view()).data("minReason", MIN_REASON).render();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(html).build();
    }

    private PageFrame frame(ConsoleSession session, Flash flash) {
        return new PageFrame(session, "breaker", "Circuit Breaker", config.autoRefreshInterval().toSeconds(), flash);
    }

    private BreakerView view() {
        return BreakerView.of(gateway.breaker(), gateway.breakerHistory(20), clock.instant());
    }
}

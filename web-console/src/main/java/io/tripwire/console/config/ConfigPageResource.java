package io.tripwire.console.config;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.tripwire.console.ConsoleConfig;
import io.tripwire.console.pages.PageFrame;
import io.tripwire.console.session.ConsoleAuth;
import io.tripwire.console.session.ConsoleForbiddenException;
import io.tripwire.console.session.ConsoleSession;
import io.tripwire.console.web.ConsoleAudit;
import io.tripwire.console.web.Flash;
import io.tripwire.controlplane.auth.OperatorService.Role;
import io.tripwire.controlplane.reject.RejectException;
import io.tripwire.controlplane.riskconfig.RiskConfigService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Admin → Configuration (issue 11): the risk limits and thresholds with their current values; Preview shows
 * old → new per field (field errors next to their inputs, nothing saved); Confirm applies the previewed change
 * through the same service as the API (versioned, audited with the operator's name, published on
 * {@code config:changed}). Admins only: viewers and operators get 403, also for a GET.
 */
@Path("/console/admin/config")
@Produces(MediaType.TEXT_HTML)
public class ConfigPageResource {

    static final String FIELD = "set.";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Template page;
    private final ConsoleAuth auth;
    private final RiskConfigService service;
    private final ConsoleAudit audit;
    private final ConsoleConfig config;

    public ConfigPageResource(@Location("console/config.html") Template page, ConsoleAuth auth, RiskConfigService service,
                              ConsoleAudit audit, ConsoleConfig config) {
        this.page = page;
        this.auth = auth;
        this.service = service;
        this.audit = audit;
        this.config = config;
    }

    @GET
    public Response show(@QueryParam("done") Long done, @QueryParam("published") String published, HttpHeaders headers) {
        ConsoleSession session = admin(auth.require(headers));
        Flash flash = done == null ? null : "false".equals(published)
                ? Flash.warning("Configuration version " + done + " saved, but config:changed could not be published: "
                + "services pick it up on their periodic reload.")
                : Flash.ok("Configuration version " + done + " saved and published: every service applies it within 5 s.");
        return render(200, session, ConfigPage.of(view(), Map.of(), Map.of(), null), flash);
    }

    @POST
    @Path("/preview")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response preview(MultivaluedMap<String, String> form, HttpHeaders headers) {
        ConsoleSession session = auth.requireForm(headers, form.getFirst("_csrf"), Role.ADMIN, "CONSOLE_CONFIG_PREVIEW");
        Map<String, String> inputs = inputs(form);
        ConfigPage base = ConfigPage.of(view(), inputs, Map.of(), form.getFirst("reason"));
        try {
            var loaded = service.current().await().atMost(WAIT);
            var changes = service.preview(inputs).await().atMost(WAIT);
            Flash flash = changes.isEmpty() ? Flash.warning("Nothing would change.") : null;
            return render(200, session, base.withPreview(ConfigView.Change.of(changes), loaded.newestVersion()), flash);
        } catch (RejectException e) {
            return refused(session, inputs, form.getFirst("reason"), e);
        }
    }

    @POST
    @Path("/apply")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response apply(MultivaluedMap<String, String> form, HttpHeaders headers) {
        ConsoleSession session = auth.requireForm(headers, form.getFirst("_csrf"), Role.ADMIN, "CONSOLE_CONFIG_APPLY");
        Map<String, String> inputs = inputs(form);
        String reason = form.getFirst("reason");
        try {
            Long expected = form.getFirst("expected_version") == null ? null : Long.valueOf(form.getFirst("expected_version"));
            var applied = service.apply(inputs, session.actor(), reason, expected).await().atMost(WAIT);
            return Response.seeOther(URI.create("/console/admin/config?done=" + applied.version()
                    + (applied.changed() && !applied.published() ? "&published=false" : ""))).build();
        } catch (NumberFormatException e) {
            return render(400, session, ConfigPage.of(view(), inputs, Map.of(), reason), Flash.error("Preview again: bad version."));
        } catch (RejectException e) {
            return refused(session, inputs, reason, e);
        }
    }

    private Response refused(ConsoleSession session, Map<String, String> inputs, String reason, RejectException e) {
        @SuppressWarnings("unchecked")
        Map<String, String> errors = e.body().details().get("fields") instanceof Map<?, ?> m ? (Map<String, String>) m : Map.of();
        String text = errors.isEmpty() ? e.getMessage() : "Nothing saved: " + errors.size() + " field(s) need a fix.";
        if (errors.containsKey("reason")) {
            text += " Reason: " + errors.get("reason") + ".";
        }
        return render(e.code().httpStatus(), session, ConfigPage.of(view(), inputs, errors, reason), Flash.error(text));
    }

    /** The form's {@code set.<property>} inputs. */
    private static Map<String, String> inputs(MultivaluedMap<String, String> form) {
        Map<String, String> inputs = new HashMap<>();
        form.forEach((name, values) -> {
            if (name.startsWith(FIELD) && values != null && !values.isEmpty()) {
                inputs.put(name.substring(FIELD.length()), values.get(0));
            }
        });
        return inputs;
    }

    private ConsoleSession admin(ConsoleSession session) {
        if (!session.atLeast(Role.ADMIN)) {
            audit.record(session.actor(), "CONSOLE_CONFIG_VIEW", "console", null, Map.of("role", session.roleName(),
                    "needs", "admin"), ConsoleAudit.DENIED);
            throw new ConsoleForbiddenException("Your role (" + session.roleName() + ") may not see or change the "
                    + "configuration; it needs admin.");
        }
        return session;
    }

    private ConfigView view() {
        return ConfigView.of(service.current().await().atMost(WAIT));
    }

    private Response render(int status, ConsoleSession session, ConfigPage model, Flash flash) {
        String html = page.data("frame", new PageFrame(session, "config", "Configuration",
                config.autoRefreshInterval().toSeconds(), flash)).data("config", model).render();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(html).build();
    }
}

package io.tripwire.console.admin;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.tripwire.console.ConsoleConfig;
import io.tripwire.console.pages.PageFrame;
import io.tripwire.console.session.ConsoleAuth;
import io.tripwire.console.session.ConsoleForbiddenException;
import io.tripwire.console.session.ConsoleSession;
import io.tripwire.console.upstream.ServiceKey;
import io.tripwire.console.web.ConsoleAudit;
import io.tripwire.console.web.Flash;
import io.tripwire.controlplane.auth.ApiKeyScope;
import io.tripwire.controlplane.auth.ApiKeyService;
import io.tripwire.controlplane.auth.OperatorService.Role;
import io.tripwire.controlplane.reject.RejectException;
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
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Admin → API keys (admins only, also for reading): list, create (name, scopes, lifetime; the secret shown once),
 * rotate (the old key keeps working 24 h, its end shown) and revoke (every replica refuses it within 1 s), through
 * the same {@link ApiKeyService} as {@code /api/v1/admin/keys}, which audits each change with actor
 * {@code operator:<username>} ({@code API_KEY_CREATED}, {@code API_KEY_ROTATED}, {@code API_KEY_REVOKED}).
 */
@Path("/console/admin/keys")
@Produces(MediaType.TEXT_HTML)
public class KeysPageResource {

    static final int MIN_REASON = 10;
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Template page;
    private final ConsoleAuth auth;
    private final ApiKeyService keys;
    private final ConsoleAudit audit;
    private final ConsoleConfig config;
    private final Clock clock;
    private final ServiceKey serviceKey;

    public KeysPageResource(@Location("console/keys.html") Template page, ConsoleAuth auth, ApiKeyService keys,
                            ConsoleAudit audit, ConsoleConfig config, Clock clock, ServiceKey serviceKey) {
        this.page = page;
        this.auth = auth;
        this.keys = keys;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
        this.serviceKey = serviceKey;
    }

    /** A secret to show once: the new key, and for a rotation the replaced key and when it stops working. */
    @io.quarkus.qute.TemplateData
    public record Shown(String key, String prefix, String replaced, String replacedValidUntil) {
    }

    @GET
    public Response show(@QueryParam("revoked") String revoked, HttpHeaders headers) {
        ConsoleSession session = admin(auth.require(headers), "CONSOLE_API_KEYS_VIEW");
        Flash flash = revoked == null ? null : Flash.ok("Key " + revoked + " revoked (and any key it replaced that was "
                + "still in its grace): every service refuses it within 1 s.");
        return render(200, session, flash, null);
    }

    @POST
    @Path("/create")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(MultivaluedMap<String, String> form, HttpHeaders headers) {
        ConsoleSession session = auth.requireForm(headers, form.getFirst("_csrf"), Role.ADMIN, "CONSOLE_API_KEY_CREATE");
        String name = form.getFirst("name") == null ? "" : form.getFirst("name").strip();
        List<String> names = form.get("scopes") == null ? List.of() : form.get("scopes");
        Set<ApiKeyScope> scopes = EnumSet.noneOf(ApiKeyScope.class);
        names.forEach(n -> ApiKeyScope.fromValue(n).ifPresent(scopes::add));
        Integer days = days(form.getFirst("ttl_days"));
        String problem = name.length() < 3 || name.length() > 64 ? "The name must be 3 to 64 characters."
                : scopes.isEmpty() || scopes.size() != names.size() ? "Choose at least one scope (of the listed ones)."
                : days == null ? "The lifetime must be 1 to 365 days." : null;
        if (problem != null) {
            audit.record(session.actor(), "CONSOLE_API_KEY_CREATE", "api_key", null, Map.of("name", name, "problem", problem),
                    ConsoleAudit.REFUSED);
            return render(400, session, Flash.error("No key created. " + problem), null);
        }
        var issued = keys.issue(name, scopes, Duration.ofDays(days), session.actor()).await().atMost(WAIT);
        return shown(session, Flash.ok("Key " + issued.record().prefix() + " created. Copy the secret now: it is not "
                + "shown again."), new Shown(issued.token().reveal(), issued.record().prefix(), null, null));
    }

    @POST
    @Path("/{prefix}/rotate")
    public Response rotate(@PathParam("prefix") String prefix, @org.jboss.resteasy.reactive.RestForm("_csrf") String csrf,
                           HttpHeaders headers) {
        ConsoleSession session = auth.requireForm(headers, csrf, Role.ADMIN, "CONSOLE_API_KEY_ROTATE");
        try {
            var rotation = keys.rotate(prefix, session.actor()).await().atMost(WAIT);
            String until = KeyRow.text(rotation.replacedValidUntil());
            return shown(session, Flash.ok("Key " + prefix + " rotated: the new key is below (shown once); the old key "
                    + "keeps working until " + until + ", then it is refused."), new Shown(rotation.replacement().token().reveal(),
                    rotation.replacement().record().prefix(), prefix, until));
        } catch (RejectException e) {
            return render(e.code().httpStatus(), session, Flash.error("Not rotated: " + e.getMessage()), null);
        }
    }

    @POST
    @Path("/{prefix}/revoke")
    public Response revoke(@PathParam("prefix") String prefix, @org.jboss.resteasy.reactive.RestForm String reason,
                           @org.jboss.resteasy.reactive.RestForm("_csrf") String csrf, HttpHeaders headers) {
        ConsoleSession session = auth.requireForm(headers, csrf, Role.ADMIN, "CONSOLE_API_KEY_REVOKE");
        String trimmed = reason == null ? "" : reason.strip();
        if (trimmed.length() < MIN_REASON || trimmed.length() > 500) {
            audit.record(session.actor(), "CONSOLE_API_KEY_REVOKE", "api_key", trimmed, Map.of("prefix", prefix),
                    ConsoleAudit.REFUSED);
            return render(400, session, Flash.error("Not revoked. The reason must be " + MIN_REASON + " to 500 characters "
                    + "(it has " + trimmed.length() + ")."), null);
        }
        List<String> revoked = keys.revoke(prefix, session.actor(), trimmed).await().atMost(WAIT);
        if (revoked.isEmpty()) {
            return render(404, session, Flash.error("No live key " + prefix + ": nothing revoked."), null);
        }
        return Response.seeOther(URI.create("/console/admin/keys?revoked=" + String.join(",", revoked))).build();
    }

    private static Integer days(String value) {
        if (value == null || value.isBlank()) {
            return 90;
        }
        try {
            int days = Integer.parseInt(value.strip());
            return days >= 1 && days <= 365 ? days : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private ConsoleSession admin(ConsoleSession session, String action) {
        if (!session.atLeast(Role.ADMIN)) {
            audit.record(session.actor(), action, "console", null, Map.of("role", session.roleName(), "needs", "admin"),
                    ConsoleAudit.DENIED);
            throw new ConsoleForbiddenException("Your role (" + session.roleName() + ") may not see or change API keys; "
                    + "it needs admin.");
        }
        return session;
    }

    private Response shown(ConsoleSession session, Flash flash, Shown secret) {
        return Response.fromResponse(render(200, session, flash, secret)).header("Cache-Control", "no-store").build();
    }

    private Response render(int status, ConsoleSession session, Flash flash, Shown secret) {
        var rows = keys.list().await().atMost(WAIT).stream().map(r -> KeyRow.of(r, clock.instant())).toList();
        String html = page.data("frame", new PageFrame(session, "keys", "API keys", config.autoRefreshInterval().toSeconds(), flash))
                .data("keys", rows).data("shown", secret)
                .data("consolePrefix", serviceKey.current().filter(k -> k.length() > 12).map(k -> k.substring(4, 12)).orElse("")).data("minReason", MIN_REASON)
                .data("scopes", Arrays.stream(ApiKeyScope.values()).map(ApiKeyScope::value).toList()).render();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(html).build();
    }
}

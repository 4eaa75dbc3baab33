package io.tripwire.console.audit;

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
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Admin → Audit log (admins only): filters (UTC date range, action, user), pages of 50 newest first, the hash
 * chain verified on every view, and a CSV export of the filtered rows capped at {@value AuditCsv#CAP} rows (the
 * cap stated in the file and on the page; each export is audited {@code CONSOLE_AUDIT_EXPORT}).
 */
@Path("/console/admin/audit")
public class AuditPageResource {

    static final int PAGE_SIZE = 50;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Template page;
    private final ConsoleAuth auth;
    private final AuditQueries queries;
    private final ConsoleAudit audit;
    private final ConsoleConfig config;

    public AuditPageResource(@Location("console/audit.html") Template page, ConsoleAuth auth, AuditQueries queries,
                             ConsoleAudit audit, ConsoleConfig config) {
        this.page = page;
        this.auth = auth;
        this.queries = queries;
        this.audit = audit;
        this.config = config;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response show(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("action") String action,
                         @QueryParam("user") String user, @QueryParam("page") String pageNumber, HttpHeaders headers) {
        ConsoleSession session = admin(auth.require(headers), "CONSOLE_AUDIT_VIEW");
        AuditFilter filter = AuditFilter.of(from, to, action, user, pageNumber);
        AuditQueries.Chain chain = queries.chain().await().atMost(WAIT);
        AuditQueries.Page found = filter.problem() == null ? queries.page(filter, PAGE_SIZE).await().atMost(WAIT)
                : new AuditQueries.Page(java.util.List.of(), 0);
        long pages = Math.max(1, (found.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        String html = page.data("frame", new PageFrame(session, "audit", "Audit log", config.autoRefreshInterval().toSeconds(),
                        filter.problem() == null ? null : Flash.error(filter.problem())))
                .data("filter", filter).data("found", found).data("chain", chain).data("pages", pages)
                .data("prev", filter.page() > 1 ? filter.page() - 1 : 0).data("next", filter.page() < pages ? filter.page() + 1 : 0)
                .data("cap", String.format("%,d", AuditCsv.CAP)).data("capped", found.total() > AuditCsv.CAP).render();
        return Response.status(filter.problem() == null ? 200 : 400).type(MediaType.TEXT_HTML_TYPE).entity(html).build();
    }

    @GET
    @Path("/export.csv")
    @Produces("text/csv")
    public Response export(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("action") String action,
                           @QueryParam("user") String user, HttpHeaders headers) {
        ConsoleSession session = admin(auth.require(headers), "CONSOLE_AUDIT_EXPORT");
        AuditFilter filter = AuditFilter.of(from, to, action, user, null);
        if (filter.problem() != null) {
            return Response.status(400).type(MediaType.TEXT_PLAIN_TYPE).entity(filter.problem() + "\n").build();
        }
        long matched = queries.count(filter).await().atMost(WAIT);
        var rows = queries.export(filter, AuditCsv.CAP).await().atMost(WAIT);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("rows", rows.size());
        details.put("matched", matched);
        details.put("filters", filter.query());
        audit.record(session.actor(), "CONSOLE_AUDIT_EXPORT", "audit_log", null, details, ConsoleAudit.SUCCESS);
        return Response.ok(AuditCsv.write(rows, matched), "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"tripwire-audit.csv\"")
                .header("X-Audit-Rows", rows.size()).header("X-Audit-Cap", AuditCsv.CAP).build();
    }

    private ConsoleSession admin(ConsoleSession session, String action) {
        if (!session.atLeast(Role.ADMIN)) {
            audit.record(session.actor(), action, "console", null, Map.of("role", session.roleName(), "needs", "admin"),
                    ConsoleAudit.DENIED);
            throw new ConsoleForbiddenException("Your role (" + session.roleName() + ") may not read the audit log; it needs admin.");
        }
        return session;
    }
}

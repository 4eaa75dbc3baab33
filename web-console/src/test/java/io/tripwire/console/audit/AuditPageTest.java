package io.tripwire.console.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.tripwire.console.support.ConsoleBrowser;
import io.tripwire.console.support.ConsoleTestBase;
import io.tripwire.console.support.UpstreamStubs;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Admin → Audit log: filters, pages, the hash chain verified (and a tampered row named), the CSV export and its cap. */
@QuarkusTest
@WithTestResource(UpstreamStubs.class)
class AuditPageTest extends ConsoleTestBase {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void filtersByActionUserAndDateAndPages() {
        insert(120, "2026-11-02T12:00:00Z", "key:abcd1234", "ORDER_CANCELED");
        insert(3, "2026-11-03T12:00:00Z", "operator:alice", "CONSOLE_BREAKER_TRIP");
        ConsoleBrowser admin = ConsoleBrowser.login("admin1", PASSWORD);

        String trips = admin.get("/console/admin/audit?action=CONSOLE_BREAKER_TRIP&user=alice").asString();
        String byDay = admin.get("/console/admin/audit?from=2026-11-02&to=2026-11-02").asString();
        String page3 = admin.get("/console/admin/audit?from=2026-11-02&to=2026-11-02&page=3").asString();

        assertThat(trips).contains("<strong id=\"audit-total\">3</strong>").contains("operator:alice")
                .doesNotContain("data-action=\"ORDER_CANCELED\"");
        assertThat(byDay).contains("<strong id=\"audit-total\">120</strong>").contains("page 1 of 3").contains("id=\"audit-next\"")
                .doesNotContain("id=\"audit-prev\"").doesNotContain("CONSOLE_BREAKER_TRIP");
        assertThat(rows(byDay)).isEqualTo(50);
        assertThat(rows(page3)).isEqualTo(20);
        assertThat(page3).contains("id=\"audit-prev\"").doesNotContain("id=\"audit-next\"");
        assertThat(trips).contains("id=\"chain-status\" data-intact=\"true\"").contains("Hash chain verified: all ");
    }

    @Test
    void aBadDateIsA400WithItsMessage() {
        Response answer = ConsoleBrowser.login("admin1", PASSWORD).get("/console/admin/audit?from=yesterday");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.asString()).contains("Dates are yyyy-mm-dd (UTC).");
        Response reversed = ConsoleBrowser.login("admin1", PASSWORD).get("/console/admin/audit?from=2026-11-05&to=2026-11-01");
        assertThat(reversed.statusCode()).isEqualTo(400);
    }

    @Test
    void aTamperedRowIsNamedOnThePage() {
        insert(5, "2026-11-02T12:00:00Z", "key:abcd1234", "ORDER_CANCELED");
        long victim = pool.query("SELECT min(id) + 2 FROM audit_log").execute().await().atMost(WAIT).iterator().next().getLong(0);
        pool.withConnection(c -> c.query("SET session_replication_role = replica").execute()
                .chain(() -> c.query("UPDATE audit_log SET reason = 'nothing happened' WHERE id = " + victim).execute())
                .eventually(() -> c.query("SET session_replication_role = origin").execute())).await().atMost(WAIT);

        String page = ConsoleBrowser.login("admin1", PASSWORD).get("/console/admin/audit").asString();

        assertThat(page).contains("id=\"chain-status\" data-intact=\"false\"").contains("Hash chain BROKEN at row " + victim);
    }

    @Test
    void csvExportHasTheFilteredRowsAndStatesTheCap() {
        insert(7, "2026-11-02T12:00:00Z", "key:abcd1234", "ORDER_CANCELED");
        ConsoleBrowser admin = ConsoleBrowser.login("admin1", PASSWORD);
        assertThat(admin.get("/console/admin/audit").asString()).contains("at most 10,000 rows per file")
                .contains("href=\"/console/admin/audit/export.csv?from=&amp;to=&amp;action=&amp;user=\"");

        Response csv = admin.get("/console/admin/audit/export.csv?action=ORDER_CANCELED");

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        List<String> lines = csv.asString().lines().toList();
        assertThat(lines.get(0)).isEqualTo("# Tripwire audit log export: 7 rows (capped at 10,000 rows per export; 7 matched)");
        assertThat(lines.get(1)).isEqualTo("id,occurredAt,actor,action,resourceType,resourceId,reason,details,outcome,hash");
        assertThat(lines).hasSize(2 + 7);
        assertThat(lines.subList(2, 9)).allMatch(l -> l.contains(",key:abcd1234,ORDER_CANCELED,"));
        assertThat(csv.header("X-Audit-Rows")).isEqualTo("7");
        assertThat(audit("CONSOLE_AUDIT_EXPORT")).containsExactly("operator:admin1|SUCCESS|");
    }

    @Test
    void csvExportStopsAtTenThousandRowsAndSaysSo() {
        insert(10_005, "2026-11-02T12:00:00Z", "key:abcd1234", "ORDER_CANCELED");
        ConsoleBrowser admin = ConsoleBrowser.login("admin1", PASSWORD);

        String page = admin.get("/console/admin/audit?action=ORDER_CANCELED").asString();
        Response csv = admin.get("/console/admin/audit/export.csv?action=ORDER_CANCELED");

        assertThat(page).contains("id=\"export-capped\"").contains("10005 rows match: the export holds only the newest 10,000");
        List<String> lines = csv.asString().lines().toList();
        assertThat(lines.get(0)).startsWith("# Tripwire audit log export: 10000 rows (capped at 10,000 rows per export; 10005 matched, "
                + "the newest 10000 are included");
        assertThat(lines).hasSize(2 + 10_000);
    }

    @Test
    void viewersAndOperatorsCannotReadTheAuditLog() {
        for (String user : new String[] {"viewer1", "operator1"}) {
            ConsoleBrowser browser = ConsoleBrowser.login(user, PASSWORD);
            assertThat(browser.get("/console/admin/audit").statusCode()).as(user).isEqualTo(403);
            Response csv = browser.get("/console/admin/audit/export.csv");
            assertThat(csv.statusCode()).as(user).isEqualTo(403);
            assertThat(csv.asString()).doesNotContain("CONSOLE_LOGIN");
        }
        assertThat(audit("CONSOLE_AUDIT_EXPORT")).containsExactly("operator:viewer1|DENIED|", "operator:operator1|DENIED|");
    }

    /** Appends {@code n} chained rows at {@code at} (the chain trigger links each). */
    private void insert(int n, String at, String actor, String action) {
        pool.query("INSERT INTO audit_log (occurred_at, actor, action, resource_type, details, outcome) "
                + "SELECT timestamptz '" + at + "' + g * interval '1 millisecond', '" + actor + "', '" + action
                + "', 'order', jsonb_build_object('n', g), 'SUCCESS' FROM generate_series(1, " + n + ") g")
                .execute().await().atMost(WAIT);
    }

    private static long rows(String html) {
        return html.lines().filter(l -> l.contains("class=\"audit-row\"")).count();
    }
}

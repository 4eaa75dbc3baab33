package io.tripwire.reconciler.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.tripwire.reconciler.support.VenueStub;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tickets and confirmations against real PostgreSQL: one deterministic ticket per run (NO_TRADE by default), the same
 * inputs give the same bytes and hash, fills book into the desk ledger once, and bad fills change nothing.
 */
@QuarkusTest
@QuarkusTestResource(VenueStub.class)
class DeskTicketsTest {

    @Inject DeskSupport desk;

    @BeforeEach
    void everyGatePasses() {
        desk.reset();
        desk.goodBars();
        desk.deposit("10000").then().statusCode(200);
        desk.reconcile("10000", Map.of()).then().statusCode(200).body("outcome", equalTo("RECONCILIATION_PASS"));
        desk.run0800().then().statusCode(200).body("run.gate_open", equalTo(true));
    }

    @Test
    void withoutDryRunTradesTheTicketIsNoTradeAndAnAckConfirmsItOnce() {
        Response r = desk.run1400(false);
        r.then().statusCode(200).body("outcome", equalTo("NO_TRADE")).body("report.reasons[0]", equalTo("DRYRUN_TRADES_DISABLED"))
                .body("report.lines.size()", equalTo(0));
        String ticket = r.then().extract().path("report.ticket_id");
        desk.fills("{\"ticket_id\": \"" + ticket + "\", \"fills\": [{\"sequence\": 1, \"status\": \"SKIPPED\"}]}")
                .then().statusCode(409).body("message", containsString("NO_TRADE"));

        desk.post("/api/v1/desk/confirmations/ack", Map.of()).then().statusCode(200).body("run.ticket_id", equalTo(ticket));
        desk.post("/api/v1/desk/confirmations/ack", Map.of()).then().statusCode(200).body("report.already_confirmed", equalTo(true));
        assertThat(desk.count("SELECT count(*) FROM desk_confirmations WHERE kind = 'ACK_NO_TRADE'")).isEqualTo(1);
        assertThat(desk.count("SELECT count(*) FROM audit_log WHERE action = 'CONFIRMATION_SUBMITTED'")).isEqualTo(1);
    }

    @Test
    void theSameInputsGiveTheSameTicketBytesAndHashAndOneTicketRow() throws Exception {
        Response first = desk.run1400(true);
        first.then().statusCode(200).body("outcome", equalTo("TRADE")).body("report.lines.size()", equalTo(3));
        Response again = desk.run1400(true);
        String id = first.then().extract().path("report.ticket_id");
        String sha = first.then().extract().path("report.sha256");
        assertThat(again.then().extract().<String>path("report.ticket_id")).isEqualTo(id);
        assertThat(again.then().extract().<String>path("report.sha256")).isEqualTo(sha);
        assertThat(again.then().extract().<String>path("run.run_id")).isNotEqualTo(first.then().extract().path("run.run_id"));

        Path one = Path.of(first.then().extract().<String>path("run.summary_path")).resolveSibling("ticket.json");
        Path two = Path.of(again.then().extract().<String>path("run.summary_path")).resolveSibling("ticket.json");
        assertThat(Files.readAllBytes(two)).isEqualTo(Files.readAllBytes(one));
        assertThat(TicketBuilder.sha256(Files.readString(one))).isEqualTo(sha);
        assertThat(Files.readString(one.resolveSibling("ticket.md"))).contains(id).contains("| 1 | AAPL | BUY | 10 | 200.4 | 20 |");
        assertThat(desk.count("SELECT count(*) FROM desk_tickets")).isEqualTo(1);
        assertThat(desk.count("SELECT count(*) FROM desk_runs WHERE kind = 'RUN_1400' AND ticket_id = '" + id + "'")).isEqualTo(2);
        assertThat(desk.text("SELECT sha256 FROM desk_tickets")).isEqualTo(sha);

        // a changed input (more cash) is another ticket
        desk.deposit("1000").then().statusCode(200);
        assertThat(desk.run1400(true).then().extract().<String>path("report.sha256")).isNotEqualTo(sha);
    }

    @Test
    void fillsBookIntoTheLedgerOnceAndBadFillsChangeNothing() {
        Response t = desk.run1400(true);
        String id = t.then().extract().path("report.ticket_id");
        // equity 10000: AAPL 0.2 -> 10, MSFT 0.2 -> 6.6666, SPY 0.5 -> 12.5 (buys by symbol)
        List<Map<String, Object>> lines = t.then().extract().path("report.lines");
        assertThat(lines).extracting(l -> l.get("symbol")).containsExactly("AAPL", "MSFT", "SPY");

        String good = "{\"ticket_id\": \"" + id + "\", \"fills\": ["
                + "{\"sequence\": 1, \"status\": \"DONE\", \"units\": \"10\", \"price\": \"200.10\"},"
                + "{\"sequence\": 2, \"status\": \"PARTIAL\", \"units\": \"5\", \"price\": \"300\"},"
                + "{\"sequence\": 3, \"status\": \"FAILED\"}]}";
        String ledgerBefore = ledger();
        // malformed JSON, another ticket, a line the ticket lacks: refused, nothing changed
        desk.fills(good.substring(0, good.length() - 3)).then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                .body("message", containsString("not valid JSON"));
        desk.fills(good.replace(id, "T-2026-01-01-000000000000")).then().statusCode(409)
                .body("message", containsString("the ticket to confirm is " + id));
        desk.fills(good.replace("\"sequence\": 3", "\"sequence\": 4")).then().statusCode(400)
                .body("message", containsString("no line 4"));
        assertThat(ledger()).isEqualTo(ledgerBefore);
        assertThat(desk.count("SELECT count(*) FROM desk_fills")).isZero();
        assertThat(desk.count("SELECT count(*) FROM desk_confirmations")).isZero();

        desk.fills(good).then().statusCode(200).body("outcome", equalTo("FILLS_RECORDED")).body("report.recorded", equalTo(3));
        assertThat(ledger()).isEqualTo("AAPL=10.00000000 MSFT=5.00000000 cash=6499.00000000");
        assertThat(desk.count("SELECT count(*) FROM desk_trades")).isEqualTo(2);

        // the same fills again: idempotent; a contradicting one: refused
        desk.fills(good).then().statusCode(200).body("outcome", equalTo("FILLS_UNCHANGED")).body("report.unchanged", equalTo(3));
        desk.fills(good.replace("\"units\": \"5\"", "\"units\": \"6\"")).then().statusCode(409)
                .body("message", containsString("already recorded"));
        assertThat(ledger()).isEqualTo("AAPL=10.00000000 MSFT=5.00000000 cash=6499.00000000");
        assertThat(desk.count("SELECT count(*) FROM desk_fills")).isEqualTo(3);
        assertThat(desk.count("SELECT count(*) FROM desk_ledger WHERE source = 'FILL'")).isEqualTo(2);

        // every line reported: the ticket is confirmed, so tomorrow's gate has no CONFIRMATION_MISSING
        assertThat(desk.text("SELECT count(*) FROM desk_fills WHERE ticket_id = '" + id + "'")).isEqualTo("3");
        desk.post("/api/v1/desk/confirmations/ack", Map.of()).then().statusCode(409).body("message", containsString("TRADE"));
        // and the broker snapshot that matches the ledger reconciles
        desk.reconcile("6499", Map.of("AAPL", "10", "MSFT", "5")).then().body("outcome", equalTo("RECONCILIATION_PASS"));
    }

    private String ledger() {
        return desk.text("SELECT coalesce(string_agg(symbol || '=' || units, ' ' ORDER BY symbol) || ' ', '') "
                + "|| 'cash=' || (SELECT cash FROM desk_cash_current) FROM desk_positions_current");
    }
}

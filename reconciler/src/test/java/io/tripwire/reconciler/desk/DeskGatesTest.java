package io.tripwire.reconciler.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tripwire.reconciler.support.VenueStub;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The desk's gate producers against real PostgreSQL and Redis: nothing recorded = closed with every reason, each check
 * failing alone closes the gate with its reason only, all passing opens it; the evaluation lands on the gateway's gate
 * key in Redis and in PostgreSQL control_state, and every run leaves a row and a run summary.
 */
@QuarkusTest
@QuarkusTestResource(VenueStub.class)
class DeskGatesTest {

    @Inject DeskSupport desk;

    @BeforeEach
    void clean() {
        desk.reset();
    }

    @Test
    void nothingRecordedIsClosedWithEveryReasonAndTheRunLeavesARowAndASummary() throws Exception {
        var r = desk.run0800();
        r.then().statusCode(200).body("outcome", equalTo("DATA_QUALITY_FAIL"))
                .body("report.issues.check", contains("COVERAGE", "COVERAGE", "COVERAGE"));
        assertThat(desk.reasons(r)).containsExactly("DATA_QUALITY_FAIL", "RECONCILIATION_REQUIRED");
        assertThat(desk.gate()).contains("\"open\":false").contains("DATA_QUALITY_FAIL").contains("RECONCILIATION_REQUIRED");
        assertThat(desk.text("SELECT value->>'open' FROM control_state WHERE control_key = 'trading_gate:venue:manual'"))
                .isEqualTo("false");
        String runId = r.then().extract().path("run.run_id");
        assertThat(desk.count("SELECT count(*) FROM desk_runs WHERE run_id = '" + runId + "' AND kind = 'RUN_0800' "
                + "AND NOT gate_open AND reasons ? 'DATA_QUALITY_FAIL'")).isEqualTo(1);
        assertThat(desk.count("SELECT count(*) FROM desk_data_quality_reports WHERE NOT passed")).isEqualTo(1);
        Path summary = Path.of(r.then().extract().<String>path("run.summary_path"));
        assertThat(summary).endsWith(Path.of(runId, "run_summary.md"));
        assertThat(Files.readString(summary)).contains("Outcome: **DATA_QUALITY_FAIL**")
                .contains("CLOSED: DATA_QUALITY_FAIL, RECONCILIATION_REQUIRED");
    }

    @Test
    void eachCheckFailingAloneClosesTheGateWithItsReasonAndAllPassingOpensIt() {
        desk.goodBars();
        desk.deposit("10000").then().statusCode(200);
        desk.reconcile("10000", Map.of()).then().statusCode(200).body("outcome", equalTo("RECONCILIATION_PASS"));
        var open = desk.run0800();
        open.then().body("outcome", equalTo("DATA_QUALITY_PASS")).body("run.gate_open", equalTo(true));
        assertThat(desk.reasons(open)).isEmpty();
        assertThat(desk.gate()).contains("\"open\":true");
        // it opens for today only: the gateway refuses with EVALUATION_EXPIRED from the desk's next midnight on
        java.time.ZoneId london = java.time.ZoneId.of("Europe/London");
        assertThat(desk.gate()).contains("\"valid_until_epoch_ms\":" + io.tripwire.controlplane.state.TradingGateState
                .endOfDay(java.time.LocalDate.parse(desk.today()), london).toEpochMilli());

        // RECONCILIATION_FAIL alone: the newest snapshot of the day is 10.01 off
        var failed = desk.reconcile("10010.01", Map.of());
        failed.then().body("outcome", equalTo("RECONCILIATION_FAIL"));
        assertThat(desk.reasons(failed)).containsExactly("RECONCILIATION_FAIL");
        assertThat(desk.gate()).contains("\"open\":false").contains("RECONCILIATION_FAIL");
        assertThat(desk.reasons(desk.reconcile("10005", Map.of()))).isEmpty();

        // DATA_QUALITY_FAIL alone: a bar whose high is below its close
        desk.bar("SPY", Instant.now(), "1", "400");
        assertThat(desk.reasons(desk.run0800())).containsExactly("DATA_QUALITY_FAIL");
        desk.goodBars();
        assertThat(desk.reasons(desk.run0800())).isEmpty();
        assertThat(desk.gate()).contains("\"open\":true");

        // RECONCILIATION_REQUIRED alone: the only reconciliation is from three days ago
        desk.count("WITH u AS (UPDATE desk_reconciliation_results SET snapshot_date = snapshot_date - 3 RETURNING 1) SELECT count(*) FROM u");
        assertThat(desk.reasons(desk.run0800())).containsExactly("RECONCILIATION_REQUIRED");
        assertThat(desk.reasons(desk.reconcile("10000", Map.of()))).isEmpty();

        // CONFIRMATION_MISSING alone: yesterday's ticket was never acknowledged
        desk.count("WITH r AS (INSERT INTO desk_runs (run_id, kind, asof_date, actor, gate_open, outcome, started_at, finished_at) "
                + "VALUES ('yesterday', 'RUN_1400', current_date - 1, 't', false, 'NO_TRADE', now(), now()) RETURNING 1), "
                + "t AS (INSERT INTO desk_tickets (ticket_id, asof_date, ticket_type, sha256, rendered_json, rendered_md, first_run_id, "
                + "created_at) SELECT 'T-old', current_date - 1, 'NO_TRADE', 'x', '{}', '#', 'yesterday', now() FROM r RETURNING 1) "
                + "SELECT count(*) FROM t");
        var unconfirmed = desk.run0800();
        assertThat(desk.reasons(unconfirmed)).containsExactly("CONFIRMATION_MISSING");
        assertThat(desk.gate()).contains("CONFIRMATION_MISSING");
        var ack = desk.post("/api/v1/desk/confirmations/ack", Map.of("notes", "closed out"));
        ack.then().statusCode(200).body("outcome", equalTo("ACK_NO_TRADE")).body("run.ticket_id", equalTo("T-old"));
        assertThat(desk.reasons(ack)).isEmpty();
        assertThat(desk.gate()).contains("\"open\":true");
        assertThat(desk.count("SELECT count(*) FROM audit_log WHERE action = 'TRADING_GATE_OPENED'")).isGreaterThanOrEqualTo(4);
    }

    @Test
    void reconcileDailyRefusesABadSnapshotWithA400AndRecordsNothing() {
        desk.post("/api/v1/desk/reconciliations", Map.of("snapshot_date", "07/12/2026", "cash", "1", "positions", Map.of()))
                .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED")).body("details.fields.snapshot_date",
                        org.hamcrest.Matchers.notNullValue());
        desk.post("/api/v1/desk/reconciliations", Map.of("snapshot_date", desk.today(), "cash", "lots", "positions", Map.of()))
                .then().statusCode(400).body("details.fields.cash", org.hamcrest.Matchers.notNullValue());
        desk.post("/api/v1/desk/reconciliations", Map.of("snapshot_date", desk.today(), "cash", "1", "positions", Map.of("SPY", "-1")))
                .then().statusCode(400);
        assertThat(desk.count("SELECT count(*) FROM desk_reconciliation_snapshots")).isZero();
        assertThat(desk.count("SELECT count(*) FROM desk_runs")).isZero();
        desk.post("/api/v1/desk/runs/data?kind=noon").then().statusCode(400);
    }

    @Test
    void aMissingOrExtraPositionFailsTheDailyReconciliation() {
        desk.deposit("1000").then().statusCode(200);
        desk.reconcile("1000", Map.of("MSFT", "2")).then().statusCode(200).body("outcome", equalTo("RECONCILIATION_FAIL"))
                .body("report.result.issues[0].check", equalTo("EXTRA_POSITION"));
        String report = desk.reconcile("1000", Map.of("MSFT", "2")).then().extract().path("report.report_path");
        assertThat(Path.of(report)).exists();
        assertThat(List.of(report)).allMatch(p -> p.contains("reconciliation_"));
    }
}

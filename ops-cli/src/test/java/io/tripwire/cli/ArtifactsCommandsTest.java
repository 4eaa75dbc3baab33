package io.tripwire.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code tripwire artifacts …} in-process against a WireMock stub of the signal service: what they send and print. */
class ArtifactsCommandsTest extends StubbedServiceTest {
    static String artifact(String state) {
        return "{\"artifact_id\":\"strat_momo_1\",\"strategy_name\":\"momo\",\"strategy_version\":\"1\",\"state\":\"" + state
                + "\",\"hash\":\"ab12\",\"hash_valid\":true,\"created_at\":\"2026-12-07T05:00:00Z\",\"payload\":{\"symbols\":[\"AAPL\"]}}";
    }

    @Test
    void listSendsTheStateFilterAndPrintsOneLinePerArtifact() {
        stub.stubFor(get(urlPathEqualTo("/api/v1/artifacts")).withQueryParam("state", equalTo("DRAFT"))
                .withHeader("Authorization", equalTo("Bearer " + token)).willReturn(okJson("[" + artifact("DRAFT") + "]")));

        CliRun run = run("artifacts", "list", "--state", "DRAFT");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("strat_momo_1").contains("DRAFT").contains("hash-ok").contains("1 artifact(s)");
    }

    @Test
    void approveWalksEveryStepToApprovedRecordingApproverTypeAndNotes() {
        stub.stubFor(get("/api/v1/artifacts/strat_momo_1").willReturn(okJson(artifact("DRAFT"))));
        String approve = "/api/v1/artifacts/strat_momo_1/approve";
        stub.stubFor(post(approve).inScenario("walk").whenScenarioStateIs(STARTED).willReturn(okJson(artifact("VALIDATED")))
                .willSetStateTo("v"));
        stub.stubFor(post(approve).inScenario("walk").whenScenarioStateIs("v").willReturn(okJson(artifact("REVIEWED")))
                .willSetStateTo("r"));
        stub.stubFor(post(approve).inScenario("walk").whenScenarioStateIs("r").willReturn(okJson(artifact("APPROVED")))
                .willSetStateTo("a"));

        CliRun run = run("artifacts", "approve", "--id", "strat_momo_1", "--approver", "your.name", "--type", "TECHNICAL",
                "--notes", "Reviewed backtest — Sharpe > 1.2, drawdown < 15%");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        stub.verify(3, postRequestedFor(urlEqualTo(approve)).withRequestBody(equalToJson(
                "{\"approver\":\"your.name\",\"type\":\"TECHNICAL\",\"notes\":\"Reviewed backtest — Sharpe > 1.2, drawdown < 15%\"}")));
        assertThat(run.out()).contains("DRAFT -> VALIDATED").contains("VALIDATED -> REVIEWED").contains("REVIEWED -> APPROVED")
                .contains("strat_momo_1 is APPROVED");
    }

    @Test
    void approveGivesEachStepItsTypeFromAListAndLeavesAnApprovedArtifactAlone() {
        stub.stubFor(get("/api/v1/artifacts/strat_momo_1").willReturn(okJson(artifact("REVIEWED"))));
        stub.stubFor(post("/api/v1/artifacts/strat_momo_1/approve").willReturn(okJson(artifact("APPROVED"))));

        CliRun run = run("artifacts", "approve", "--id", "strat_momo_1", "--approver", "risk.desk", "--type", "RISK,BUSINESS");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        stub.verify(1, postRequestedFor(urlEqualTo("/api/v1/artifacts/strat_momo_1/approve"))
                .withRequestBody(equalToJson("{\"approver\":\"risk.desk\",\"type\":\"RISK\"}")));

        stub.resetAll();
        stub.stubFor(get("/api/v1/artifacts/strat_momo_1").willReturn(okJson(artifact("APPROVED"))));
        CliRun again = run("artifacts", "approve", "--id", "strat_momo_1", "--approver", "x", "--type", "TECHNICAL");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("already APPROVED; nothing to do");
        stub.verify(0, postRequestedFor(urlPathEqualTo("/api/v1/artifacts/strat_momo_1/approve")));
    }

    @Test
    void approveRefusesARevokedArtifactAndShowsTheServicesRejectCode() {
        stub.stubFor(get("/api/v1/artifacts/strat_momo_1").willReturn(okJson(artifact("REVOKED"))));
        CliRun revoked = run("artifacts", "approve", "--id", "strat_momo_1", "--approver", "x", "--type", "TECHNICAL");
        assertThat(revoked.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(revoked.err()).contains("REVOKED");

        stub.stubFor(get("/api/v1/artifacts/nope").willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"code\":\"NOT_FOUND\",\"message\":\"no artifact nope\",\"details\":{}}")));
        CliRun missing = run("artifacts", "show", "--id", "nope");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(missing.err()).contains("HTTP 404: NOT_FOUND no artifact nope");
    }

    @Test
    void showRevokeAndRollbackCallTheirEndpoints() {
        stub.stubFor(get("/api/v1/artifacts/strat_momo_1").willReturn(okJson(artifact("ACTIVE").replace("}}",
                "},\"approvals\":[{\"approver\":\"a\",\"approval_type\":\"TECHNICAL\",\"from_state\":\"DRAFT\",\"to_state\":\"VALIDATED\","
                        + "\"notes\":\"ok\",\"approved_at\":\"2026-12-07T05:01:00Z\"}],\"state_changes\":[]}"))));
        CliRun show = run("artifacts", "show", "--id", "strat_momo_1");
        assertThat(show.exitCode()).as(show.toString()).isZero();
        assertThat(show.out()).contains("state:     ACTIVE").contains("(valid)").contains("DRAFT -> VALIDATED TECHNICAL by a");

        stub.stubFor(post("/api/v1/artifacts/strat_momo_1/revoke").willReturn(okJson(artifact("REVOKED"))));
        CliRun revoke = run("artifacts", "revoke", "--id", "strat_momo_1", "--reason", "emergency: bad fills");
        assertThat(revoke.exitCode()).as(revoke.toString()).isZero();
        stub.verify(postRequestedFor(urlEqualTo("/api/v1/artifacts/strat_momo_1/revoke"))
                .withRequestBody(equalToJson("{\"reason\":\"emergency: bad fills\"}")));
        assertThat(revoke.out()).contains("strat_momo_1 is REVOKED");

        stub.stubFor(post("/api/v1/artifacts/rollback").willReturn(okJson("[" + artifact("DEPRECATED") + ","
                + artifact("APPROVED").replace("strat_momo_1", "strat_momo_0") + "]")));
        CliRun rollback = run("artifacts", "rollback", "--to", "strat_momo_0", "--reason", "back to the previous model");
        assertThat(rollback.exitCode()).as(rollback.toString()).isZero();
        stub.verify(postRequestedFor(urlEqualTo("/api/v1/artifacts/rollback"))
                .withRequestBody(equalToJson("{\"to\":\"strat_momo_0\",\"reason\":\"back to the previous model\"}")));
        assertThat(rollback.out()).contains("strat_momo_1 is DEPRECATED").contains("strat_momo_0 is APPROVED");
    }

    @Test
    void backtestSendsTheCsvAndParamsAndPrintsTheMetrics() throws Exception {
        Path csv = dir.resolve("bars.csv");
        java.nio.file.Files.writeString(csv, "ts,symbol,close\n2026-01-05T14:30:00Z,AAPL,100\n");
        Path params = dir.resolve("params.json");
        java.nio.file.Files.writeString(params, "{\"model\":{\"type\":\"logistic\",\"weights\":{\"mom_20\":60},\"bias\":0}}");
        stub.stubFor(post("/api/v1/backtests").willReturn(okJson("{\"existed\":true,\"artifact\":{\"artifact_id\":\"bt_momo_abc\","
                + "\"state\":\"DRAFT\",\"strategy_version\":\"bt-abc\",\"hash\":\"ff00\",\"payload\":{\"backtest\":{\"bars\":1,"
                + "\"source\":\"csv\",\"sharpe\":1.5,\"max_drawdown\":0.1,\"trades\":3,\"win_rate\":0.666667,\"total_pnl\":12.5}}}}")));

        CliRun run = run("backtest", "--strategy", "momo", "--csv", csv.toString(), "--params", params.toString(), "--to", "2026-01-06");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        stub.verify(postRequestedFor(urlEqualTo("/api/v1/backtests")).withRequestBody(equalToJson(
                "{\"strategy_name\":\"momo\",\"to\":\"2026-01-06\",\"csv\":\"ts,symbol,close\\n2026-01-05T14:30:00Z,AAPL,100\\n\","
                        + "\"model\":{\"type\":\"logistic\",\"weights\":{\"mom_20\":60},\"bias\":0}}")));
        assertThat(run.out()).contains("bt_momo_abc").contains("already existed: same inputs, same hash").contains("hash:     ff00")
                .contains("sharpe 1.5").contains("trades 3").contains("win_rate 0.666667");
    }

    private CliRun run(String... command) {
        return runWith("--signal-url", command);
    }
}

package io.tripwire.signal.artifact;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.tripwire.controlplane.artifact.ArtifactHash;
import io.tripwire.controlplane.artifact.ArtifactState;
import io.tripwire.controlplane.auth.ApiKeyScope;
import io.tripwire.signal.support.SignalFixtures;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The artifacts API against real PostgreSQL and Redis: create, list, show, approval steps, legal and illegal moves, audit. */
@QuarkusTest
class ArtifactApiTest {

    static final Map<String, Object> WEIGHTS = Map.of("mom_20", 1.2, "rsi_14", 0.01);

    @Inject SignalFixtures fixtures;
    String key;

    @BeforeEach
    void clean() {
        key = fixtures.reset();
    }

    @Test
    void createMakesADraftWhoseHashIsTheCanonicalPayloadHash() {
        Map<String, Object> payload = SignalFixtures.payload(WEIGHTS, -0.5, "aapl", "MSFT");
        fixtures.post(key, "/api/v1/artifacts", Map.of("artifact_id", "momo-v1", "strategy_name", "momo", "strategy_version", "1",
                        "payload", payload))
                .statusCode(201)
                .body("artifact_id", equalTo("momo-v1"))
                .body("state", equalTo("DRAFT"))
                .body("hash_valid", equalTo(true))
                .body("payload.symbols", contains("aapl", "MSFT"));
        var row = fixtures.rows("SELECT hash, payload::text, created_by FROM strategy_artifacts WHERE artifact_id = 'momo-v1'",
                Tuple.tuple(), r -> List.of(r.getString(0), r.getString(1), r.getString(2))).get(0);
        assertThat(row.get(0)).isEqualTo(ArtifactHash.of("momo-v1", "momo", "1", ArtifactHash.parse(row.get(1))));
        assertThat(row.get(0)).isEqualTo(ArtifactHash.of("momo-v1", "momo", "1", ArtifactHash.parse(
                io.tripwire.controlplane.state.StateCodec.encode(payload))));
        assertThat(row.get(2)).isNotBlank();
        assertThat(fixtures.count("SELECT count(*) FROM audit_log WHERE action = 'artifact.create' AND resource_id = 'momo-v1'")).isEqualTo(1);
    }

    @Test
    void anArtifactIdIsMadeUpWhenNoneIsGiven() {
        fixtures.post(key, "/api/v1/artifacts", Map.of("strategy_name", "momo", "strategy_version", "2",
                "payload", SignalFixtures.payload(WEIGHTS, 0, "AAPL"))).statusCode(201)
                .body("artifact_id", startsWith("strat_momo_"));
    }

    @Test
    void badArtifactsAre400WithFieldErrors() {
        Map<String, Object> badModel = SignalFixtures.payload(Map.of("mom_20", "x", "volume_7", 1), 0, "AAPL");
        fixtures.post(key, "/api/v1/artifacts", Map.of("strategy_name", "bad name!", "strategy_version", "1", "payload", badModel))
                .statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("details.fields.keySet()", hasItems("strategy_name", "payload.model.weights.mom_20", "payload.model.weights.volume_7"));
        fixtures.post(key, "/api/v1/artifacts", Map.of("strategy_name", "s", "strategy_version", "1",
                "payload", Map.of("model", Map.of("type", "tree")))).statusCode(400)
                .body("details.fields.keySet()", hasItems("payload.model.type", "payload.model.weights", "payload.symbols",
                        "payload.sizing", "payload.risk_profile"));
        fixtures.post(key, "/api/v1/artifacts", "{not json").statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
    }

    @Test
    void duplicatesAre409() {
        fixtures.create(key, "dup-1", "dup", "1", SignalFixtures.payload(WEIGHTS, 0, "AAPL"));
        fixtures.post(key, "/api/v1/artifacts", Map.of("artifact_id", "dup-2", "strategy_name", "dup", "strategy_version", "1",
                "payload", SignalFixtures.payload(WEIGHTS, 1, "AAPL"))).statusCode(409).body("code", equalTo("STATE_CONFLICT"));
        fixtures.post(key, "/api/v1/artifacts", Map.of("artifact_id", "dup-1", "strategy_name", "dup", "strategy_version", "2",
                "payload", SignalFixtures.payload(WEIGHTS, 1, "AAPL"))).statusCode(409).body("code", equalTo("STATE_CONFLICT"));
    }

    @Test
    void approvalWalksStepByStepRecordingApproverTypeAndNotes() {
        fixtures.create(key, "walk-1", "walk", "1", SignalFixtures.payload(WEIGHTS, 0, "AAPL"));
        String[][] steps = {{"TECHNICAL", "VALIDATED"}, {"RISK", "REVIEWED"}, {"BUSINESS", "APPROVED"}};
        for (String[] step : steps) {
            fixtures.post(key, "/api/v1/artifacts/walk-1/approve", Map.of("approver", "your.name", "type", step[0],
                    "notes", "Reviewed backtest — Sharpe > 1.2")).statusCode(200).body("state", equalTo(step[1]));
        }
        fixtures.post(key, "/api/v1/artifacts/walk-1/approve", Map.of("approver", "your.name", "type", "TECHNICAL"))
                .statusCode(409)
                .body("code", equalTo("STATE_CONFLICT"))
                .body("details.state", equalTo("APPROVED"))
                .body("details.allowed", containsInAnyOrder("ACTIVE", "DEPRECATED", "REVOKED"));
        given().header("X-API-Key", key).get("/api/v1/artifacts/walk-1").then().statusCode(200)
                .body("approvals", hasSize(3))
                .body("approvals.approval_type", contains("TECHNICAL", "RISK", "BUSINESS"))
                .body("approvals.approver", contains("your.name", "your.name", "your.name"))
                .body("approvals.to_state", contains("VALIDATED", "REVIEWED", "APPROVED"))
                .body("approvals[0].notes", equalTo("Reviewed backtest — Sharpe > 1.2"))
                .body("state_changes.to_state", contains("VALIDATED", "REVIEWED", "APPROVED"));
        assertThat(fixtures.count("SELECT count(*) FROM audit_log WHERE action = 'artifact.approve' AND resource_id = 'walk-1'")).isEqualTo(3);
        // an approval step needs a valid type
        fixtures.create(key, "walk-2", "walk", "2", SignalFixtures.payload(WEIGHTS, 1, "AAPL"));
        fixtures.post(key, "/api/v1/artifacts/walk-2/approve", Map.of("approver", "x", "type", "VIBES")).statusCode(400)
                .body("details.fields.type", startsWith("must be"));
        assertThat(fixtures.state("walk-2")).isEqualTo("DRAFT");
    }

    @Test
    void activateDeprecateAndRevokeFollowTheMachineAndRevokedIsFinal() {
        fixtures.create(key, "m-1", "m", "1", SignalFixtures.payload(WEIGHTS, 0, "AAPL"));
        // illegal from DRAFT
        fixtures.post(key, "/api/v1/artifacts/m-1/activate", Map.of()).statusCode(409).body("details.state", equalTo("DRAFT"))
                .body("details.requested", equalTo("ACTIVE")).body("details.allowed", containsInAnyOrder("VALIDATED", "REVOKED"));
        fixtures.post(key, "/api/v1/artifacts/m-1/deprecate", Map.of()).statusCode(409);
        fixtures.approveFully(key, "m-1");
        fixtures.post(key, "/api/v1/artifacts/m-1/activate", Map.of("reason", "go live")).statusCode(200).body("state", equalTo("ACTIVE"));
        fixtures.post(key, "/api/v1/artifacts/m-1/activate", Map.of()).statusCode(409);
        fixtures.post(key, "/api/v1/artifacts/m-1/deprecate", Map.of("reason", "superseded")).statusCode(200).body("state", equalTo("DEPRECATED"));
        fixtures.post(key, "/api/v1/artifacts/m-1/approve", Map.of("type", "TECHNICAL")).statusCode(409)
                .body("message", startsWith("a deprecated artifact is re-approved only by a rollback"));
        // revoke needs a reason
        fixtures.post(key, "/api/v1/artifacts/m-1/revoke", Map.of()).statusCode(400).body("details.fields.reason", equalTo("is required"));
        fixtures.post(key, "/api/v1/artifacts/m-1/revoke", Map.of("reason", "bad fills")).statusCode(200).body("state", equalTo("REVOKED"));
        for (String action : List.of("approve", "activate", "deprecate", "revoke")) {
            fixtures.post(key, "/api/v1/artifacts/m-1/" + action, Map.of("type", "TECHNICAL", "reason", "again")).statusCode(409)
                    .body("code", equalTo("STATE_CONFLICT")).body("details.state", equalTo("REVOKED")).body("details.allowed", hasSize(0));
        }
        assertThat(fixtures.state("m-1")).isEqualTo("REVOKED");
        assertThat(fixtures.count("SELECT count(*) FROM audit_log WHERE resource_id = 'm-1' AND action IN "
                + "('artifact.activate', 'artifact.deprecate', 'artifact.revoke')")).isEqualTo(3);
        var reason = fixtures.rows("SELECT reason FROM artifact_state_changes WHERE to_state = 'REVOKED'", Tuple.tuple(), r -> r.getString(0));
        assertThat(reason).containsExactly("bad fills");
    }

    @Test
    void revokeWorksFromEveryNonRevokedState() {
        String[] targets = {"DRAFT", "VALIDATED", "REVIEWED", "APPROVED", "ACTIVE", "DEPRECATED"};
        for (int i = 0; i < targets.length; i++) {
            String id = "r-" + i;
            fixtures.create(key, id, "r", String.valueOf(i), SignalFixtures.payload(WEIGHTS, i, "AAPL"));
            walkTo(id, ArtifactState.valueOf(targets[i]));
            assertThat(fixtures.state(id)).isEqualTo(targets[i]);
            fixtures.post(key, "/api/v1/artifacts/" + id + "/revoke", Map.of("reason", "emergency")).statusCode(200)
                    .body("state", equalTo("REVOKED"));
        }
    }

    @Test
    void theDatabaseRefusesEveryIllegalMoveMadeWithSqlAndAllowsEveryLegalOne() {
        int n = 0;
        for (ArtifactState from : ArtifactState.values()) {
            for (ArtifactState to : ArtifactState.values()) {
                if (from == to) {
                    continue;
                }
                String id = "sql-" + n;
                fixtures.create(key, id, "sql", String.valueOf(n), SignalFixtures.payload(WEIGHTS, n, "AAPL"));
                n++;
                walkTo(id, from);
                boolean moved;
                try {
                    fixtures.execute("UPDATE strategy_artifacts SET state = '" + to + "' WHERE artifact_id = '" + id + "'");
                    moved = true;
                } catch (RuntimeException e) {
                    assertThat(e.getMessage()).contains("cannot move from " + from + " to " + to);
                    moved = false;
                }
                assertThat(moved).as(from + " -> " + to).isEqualTo(from.canMoveTo(to));
                assertThat(fixtures.state(id)).isEqualTo(moved ? to.name() : from.name());
            }
        }
        assertThat(fixtures.count("SELECT count(*) FROM artifact_state_changes WHERE changed_by LIKE 'sql:%'")).isEqualTo(13);
        // and nobody inserts an artifact that is already approved
        try {
            fixtures.execute("INSERT INTO strategy_artifacts (artifact_id, strategy_name, strategy_version, hash, state, payload) "
                    + "VALUES ('x', 'x', '1', '" + "a".repeat(64) + "', 'APPROVED', '{}')");
            throw new AssertionError("insert of an APPROVED artifact was accepted");
        } catch (RuntimeException e) {
            assertThat(e.getMessage()).contains("must be created as DRAFT");
        }
    }

    @Test
    void listFiltersByStateAndShowIs404ForUnknownIds() {
        fixtures.create(key, "l-1", "l", "1", SignalFixtures.payload(WEIGHTS, 1, "AAPL"));
        fixtures.create(key, "l-2", "l", "2", SignalFixtures.payload(WEIGHTS, 2, "AAPL"));
        fixtures.approveFully(key, "l-2");
        String reader = fixtures.key(ApiKeyScope.ORDERS_READ);
        given().header("X-API-Key", reader).get("/api/v1/artifacts?state=DRAFT").then().statusCode(200)
                .body("artifact_id", contains("l-1"));
        given().header("X-API-Key", reader).get("/api/v1/artifacts?state=approved").then().statusCode(200)
                .body("artifact_id", contains("l-2"));
        given().header("X-API-Key", reader).get("/api/v1/artifacts").then().statusCode(200).body("artifact_id", hasSize(2));
        given().header("X-API-Key", reader).get("/api/v1/artifacts?state=BOGUS").then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        given().header("X-API-Key", reader).get("/api/v1/artifacts/nope").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        // writes need artifacts:approve; no key is 401
        fixtures.post(reader, "/api/v1/artifacts/l-1/approve", Map.of("type", "TECHNICAL")).statusCode(403).body("code", equalTo("FORBIDDEN"));
        given().get("/api/v1/artifacts").then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void seed000SqlRunsAsWritten() {
        fixtures.create(key, "seed-1", "seedstrat", "1", SignalFixtures.payload(WEIGHTS, 1, "AAPL"));
        fixtures.create(key, "seed-2", "seedstrat", "2", SignalFixtures.payload(WEIGHTS, 2, "AAPL"));
        fixtures.approveFully(key, "seed-2");
        assertThat(fixtures.rows("SELECT artifact_id, strategy_name, created_at FROM strategy_artifacts WHERE state = 'DRAFT' "
                + "ORDER BY created_at DESC LIMIT 5;", Tuple.tuple(), r -> r.getString(0))).containsExactly("seed-1");
        assertThat(fixtures.rows("SELECT artifact_id, state FROM strategy_artifacts;", Tuple.tuple(), r -> r.getString(0) + "=" + r.getString(1)))
                .containsExactlyInAnyOrder("seed-1=DRAFT", "seed-2=APPROVED");
        // an order placed under seed-2, filled: the audit trail joins it to its artifact
        fixtures.execute("INSERT INTO orders (id, client_order_id, request_hash, strategy_id, artifact_id, symbol, side, order_type, "
                + "time_in_force, quantity, status, status_rank, filled_qty, avg_fill_price, pnl, venue, created_at, updated_at) VALUES "
                + "(gen_random_uuid(), 'c1', 'h', 'seedstrat', 'seed-2', 'AAPL', 'BUY', 'MARKET', 'DAY', 10, 'FILLED', 5, 10, 100, 12.5, 'paper', now(), now()),"
                + "(gen_random_uuid(), 'c2', 'h', 'seedstrat', 'seed-2', 'AAPL', 'SELL', 'MARKET', 'DAY', 10, 'FILLED', 5, 10, 101, -2.5, 'paper', now(), now()),"
                + "(gen_random_uuid(), 'c3', 'h', 'seedstrat', 'seed-2', 'AAPL', 'BUY', 'MARKET', 'DAY', 5, 'NEW', 0, 0, null, 0, 'paper', now(), now())");
        var audit = fixtures.rows("""
                SELECT t.id, t.symbol, t.action, t.quantity, t.created_at,
                       a.artifact_id, a.strategy_name, a.hash
                FROM trades t
                JOIN strategy_artifacts a ON t.artifact_id = a.id
                ORDER BY t.created_at DESC
                LIMIT 20;""", Tuple.tuple(), r -> r.getString("artifact_id") + "|" + r.getString("strategy_name") + "|"
                + r.getString("action") + "|" + r.getBigDecimal("quantity").stripTrailingZeros().toPlainString() + "|" + r.getString("hash").length());
        assertThat(audit).containsExactlyInAnyOrder("seed-2|seedstrat|BUY|10|64", "seed-2|seedstrat|SELL|10|64");
        // seed 004's agent performance
        var perf = fixtures.rows("""
                SELECT agent_id, win_rate, sharpe_ratio, total_pnl
                FROM agent_performance
                ORDER BY sharpe_ratio DESC;""", Tuple.tuple(), r -> r.getString(0) + "|" + r.getBigDecimal(1).stripTrailingZeros()
                + "|" + r.getBigDecimal(3).stripTrailingZeros().toPlainString());
        assertThat(perf).containsExactly("seedstrat|0.5|10");
        // the runbook's emergency revoke, as written, is legal; its rollback SQL is refused for a REVOKED artifact
        fixtures.execute("UPDATE strategy_artifacts SET state = 'REVOKED' WHERE artifact_id = 'seed-2';");
        assertThat(fixtures.state("seed-2")).isEqualTo("REVOKED");
    }

    /** Moves a fresh DRAFT to {@code target} the legal way, through the API. */
    private void walkTo(String id, ArtifactState target) {
        List<ArtifactState> path = switch (target) {
            case DRAFT -> List.of();
            case VALIDATED -> List.of(ArtifactState.VALIDATED);
            case REVIEWED -> List.of(ArtifactState.VALIDATED, ArtifactState.REVIEWED);
            case APPROVED -> List.of(ArtifactState.VALIDATED, ArtifactState.REVIEWED, ArtifactState.APPROVED);
            case ACTIVE -> List.of(ArtifactState.VALIDATED, ArtifactState.REVIEWED, ArtifactState.APPROVED, ArtifactState.ACTIVE);
            case DEPRECATED, REVOKED -> List.of(ArtifactState.VALIDATED, ArtifactState.REVIEWED, ArtifactState.APPROVED,
                    ArtifactState.ACTIVE, target);
        };
        for (ArtifactState step : path) {
            String action = switch (step) {
                case VALIDATED, REVIEWED, APPROVED -> "approve";
                case ACTIVE -> "activate";
                case DEPRECATED -> "deprecate";
                default -> "revoke";
            };
            fixtures.post(key, "/api/v1/artifacts/" + id + "/" + action, Map.of("type", "TECHNICAL", "reason", "walk"))
                    .statusCode(200).body("state", equalTo(step.name()));
        }
    }
}

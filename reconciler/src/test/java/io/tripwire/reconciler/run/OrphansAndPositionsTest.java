package io.tripwire.reconciler.run;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tripwire.controlplane.order.OrderStatus;
import io.tripwire.controlplane.order.Side;
import io.restassured.http.ContentType;
import io.tripwire.controlplane.auth.ApiKeyScope;
import io.tripwire.reconciler.support.Stores;
import io.tripwire.reconciler.support.VenueStub;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Orphans quarantine their symbol until an operator clears them (audited); positions follow the venue,
 * silently within tolerance, with a breaker trip beyond it; the operator endpoints and their scopes.
 */
@QuarkusTest
@QuarkusTestResource(VenueStub.class)
class OrphansAndPositionsTest {

    @Inject Stores stores;
    String admin;

    @BeforeEach
    void cleanStores() {
        stores.reset();
        VenueStub.empty();
        admin = stores.key();
    }

    String run() {
        return given().header("X-API-Key", admin).post("/api/v1/reconciliation/run")
                .then().statusCode(200).extract().path("state");
    }

    @Test
    void anOrphanAtTheVenueQuarantinesItsSymbolUntilAnOperatorClearsIt() {
        VenueStub.orders(VenueStub.order("placed-by-hand", "MSFT", "buy", "7", "0", "accepted"));

        assertThat(run()).isEqualTo("READY");

        assertThat(stores.get("quarantine:*:MSFT")).isEqualTo("orphan_order_detected");
        assertThat(stores.text("SELECT value->>'reason' FROM control_state WHERE control_key = 'quarantine:*:MSFT'"))
                .isEqualTo("orphan_order_detected");
        assertThat(stores.alerts()).anyMatch(a -> a.startsWith("CRITICAL Orphan order at the venue in MSFT"));
        int id = given().header("X-API-Key", admin).get("/api/v1/reconciliation/orphans").then().statusCode(200)
                .body("", hasSize(1)).body("[0].client_order_id", equalTo("placed-by-hand"))
                .extract().path("[0].id");

        // a second run neither duplicates the orphan nor alerts again; the quarantine holds
        assertThat(run()).isEqualTo("READY");
        assertThat(stores.count("SELECT count(*) FROM orphan_orders")).isEqualTo(1);
        assertThat(stores.alerts().stream().filter(a -> a.contains("Orphan")).count()).isEqualTo(1);

        String clear = "/api/v1/reconciliation/orphans/" + id + "/clear";
        given().header("X-API-Key", stores.key(ApiKeyScope.ORDERS_READ)).contentType(ContentType.JSON)
                .body("{\"reason\":\"adopted by the desk after a call with the broker\"}").post(clear)
                .then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        given().header("X-API-Key", admin).contentType(ContentType.JSON).body("{\"reason\":\"ok\"}").post(clear)
                .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        assertThat(stores.get("quarantine:*:MSFT")).as("still quarantined").isNotNull();

        given().header("X-API-Key", admin).contentType(ContentType.JSON)
                .body("{\"reason\":\"adopted by the desk after a call with the broker\"}").post(clear)
                .then().statusCode(200).body("cleared_at", org.hamcrest.Matchers.notNullValue());

        assertThat(stores.get("quarantine:*:MSFT")).isNull();
        assertThat(stores.count("SELECT count(*) FROM audit_log WHERE action = 'ORPHAN_ORDER_CLEARED'")).isEqualTo(1);
        assertThat(stores.count("SELECT count(*) FROM audit_log WHERE action = 'QUARANTINE_CLEARED'")).isEqualTo(1);
        given().header("X-API-Key", admin).contentType(ContentType.JSON)
                .body("{\"reason\":\"adopted by the desk after a call with the broker\"}").post(clear)
                .then().statusCode(409).body("code", equalTo("STATE_CONFLICT"));
        given().header("X-API-Key", admin).contentType(ContentType.JSON)
                .body("{\"reason\":\"adopted by the desk after a call with the broker\"}")
                .post("/api/v1/reconciliation/orphans/999999/clear").then().statusCode(404);

        // the cleared orphan is still at the venue: it does not quarantine the symbol again
        assertThat(run()).isEqualTo("READY");
        assertThat(stores.get("quarantine:*:MSFT")).isNull();
    }

    @Test
    void aPositionDifferenceWithinToleranceIsAlignedSilently() {
        stores.position("AAPL", "10");
        VenueStub.positions(VenueStub.position("AAPL", "10.00005"));

        assertThat(run()).isEqualTo("READY");

        assertThat(stores.text("SELECT quantity FROM positions WHERE symbol = 'AAPL'")).isEqualTo("10.00005000");
        assertThat(stores.get("circuit_breaker:state")).contains("\"state\":\"OPEN\"");
        assertThat(stores.alerts()).isEmpty();
        assertThat(stores.text("SELECT counts->>'position_aligned_within_tolerance' FROM reconciliation_runs")).isEqualTo("1");
        assertThat(stores.hget("exposure:AAPL", "pos")).isEqualTo("1000005000");
    }

    @Test
    void aPositionDifferenceBeyondToleranceTripsTheBreakerAndAlignsToTheVenue() {
        stores.position("AAPL", "10");
        VenueStub.positions(VenueStub.position("AAPL", "12"));

        assertThat(run()).isEqualTo("READY");

        assertThat(stores.get("circuit_breaker:state")).contains("\"state\":\"TRIPPED\"").contains("RECONCILIATION_MISMATCH");
        assertThat(stores.text("SELECT value->>'state' FROM control_state WHERE control_key = 'circuit_breaker:state'"))
                .isEqualTo("TRIPPED");
        assertThat(stores.count("SELECT count(*) FROM circuit_breaker_events WHERE reason LIKE 'RECONCILIATION_MISMATCH%'")).isEqualTo(1);
        assertThat(stores.alerts()).anyMatch(a -> a.startsWith("CRITICAL Position mismatch"));
        assertThat(stores.text("SELECT quantity FROM positions WHERE symbol = 'AAPL'")).isEqualTo("12.00000000");
        // the counter exists at 0 from the start: the run must have counted at least one position mismatch
        given().get("/q/metrics").then().body(org.hamcrest.Matchers.matchesPattern(
                "(?s).*reconciliation_mismatches_total\\{kind=\"position\"[^}]*\\} [1-9][0-9.E]*\n.*"));

        // aligned: the next run finds nothing, and never resets the breaker
        assertThat(run()).isEqualTo("READY");
        assertThat(stores.get("circuit_breaker:state")).contains("\"state\":\"TRIPPED\"");
    }

    @Test
    void aPositionDifferenceAWorkingOrderCanExplainIsLeftForTheNextRunWithoutATrip() {
        stores.position("AAPL", "10");
        // the venue's position already holds this order's fill; its order listing (read earlier) does not yet
        stores.order("working-buy", "AAPL", Side.BUY, "2", OrderStatus.ACCEPTED, "0", java.time.Instant.now());
        VenueStub.orders(VenueStub.order("working-buy", "AAPL", "buy", "2", "0", "accepted"));
        VenueStub.positions(VenueStub.position("AAPL", "12"));

        assertThat(run()).isEqualTo("READY");

        assertThat(stores.get("circuit_breaker:state")).contains("\"state\":\"OPEN\"");
        assertThat(stores.text("SELECT counts->>'position_in_flight' FROM reconciliation_runs ORDER BY started_at DESC LIMIT 1"))
                .isEqualTo("1");
        assertThat(stores.text("SELECT quantity FROM positions WHERE symbol = 'AAPL'")).as("not aligned: the fill is not booked yet")
                .isEqualTo("10.00000000");
    }

    @Test
    void aPositionTheVenueListDoesNotMentionIsLookedUpBeforeItIsCalledFlat() {
        stores.position("SPY", "5");

        assertThat(run()).isEqualTo("READY");

        assertThat(VenueStub.requests("/v2/positions/SPY")).as("once per attempt: first look and two re-checks").isEqualTo(3);
        assertThat(stores.get("circuit_breaker:state")).contains("TRIPPED");
        assertThat(stores.text("SELECT quantity FROM positions WHERE symbol = 'SPY'")).isEqualTo("0E-8");
    }

    @Test
    void aPositionClosedInPostgresThatTheVenueNoLongerListsIsFlatAndTheRunIsReady() {
        stores.position("AAPL", "0");
        stores.position("MSFT", "4");
        VenueStub.positions(VenueStub.position("MSFT", "4"));

        assertThat(run()).isEqualTo("READY");
        assertThat(run()).as("and again: nothing loops on the flat row").isEqualTo("READY");

        assertThat(VenueStub.requests("/v2/positions/AAPL")).as("a flat row needs no lookup").isZero();
        assertThat(stores.get("circuit_breaker:state")).contains("\"state\":\"OPEN\"");
        assertThat(stores.get("reconciliation:state")).contains("\"state\":\"READY\"");
        assertThat(stores.text("SELECT counts->>'position_in_sync' FROM reconciliation_runs ORDER BY started_at DESC LIMIT 1"))
                .isEqualTo("2");
        assertThat(stores.alerts()).isEmpty();
    }

    @Test
    void forceCompleteIsAuditedAndOnlyForAGateThatIsNotReady() {
        given().header("X-API-Key", admin).contentType(ContentType.JSON).body("{\"reason\":\"too short\"}")
                .post("/api/v1/reconciliation/force-complete").then().statusCode(400);
        given().header("X-API-Key", admin).contentType(ContentType.JSON)
                .body("{\"reason\":\"venue API down, positions confirmed by phone with the broker\"}")
                .post("/api/v1/reconciliation/force-complete").then().statusCode(200)
                .body("state", equalTo("FORCED")).body("trigger", equalTo("FORCED"));

        assertThat(stores.get("reconciliation:state")).contains("\"state\":\"READY\"").contains("forced-");
        assertThat(stores.count("SELECT count(*) FROM audit_log WHERE action = 'RECONCILIATION_FORCE_COMPLETED'")).isEqualTo(1);
        given().header("X-API-Key", admin).contentType(ContentType.JSON)
                .body("{\"reason\":\"venue API down, positions confirmed by phone with the broker\"}")
                .post("/api/v1/reconciliation/force-complete").then().statusCode(409).body("code", equalTo("STATE_CONFLICT"));
    }

    @Test
    void readEndpointsNeedOrdersReadAndRunsNeedConfigWrite() {
        given().get("/api/v1/reconciliation/status").then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
        String reader = stores.key(ApiKeyScope.ORDERS_READ);
        given().header("X-API-Key", reader).post("/api/v1/reconciliation/run").then().statusCode(403);
        given().header("X-API-Key", stores.key(ApiKeyScope.CONFIG_WRITE)).get("/api/v1/reconciliation/status").then().statusCode(403);
        given().header("X-API-Key", reader).get("/api/v1/reconciliation/status").then().statusCode(200)
                .body("state", equalTo("MISSING"));

        String runId = given().header("X-API-Key", admin).post("/api/v1/reconciliation/run").then().statusCode(200)
                .extract().path("run_id");
        given().header("X-API-Key", reader).get("/api/v1/reconciliation/runs/" + runId).then().statusCode(200)
                .body("state", equalTo("READY")).body("counts.exposure_symbols", equalTo(5));
        given().header("X-API-Key", reader).get("/api/v1/reconciliation/runs/nope").then().statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
        given().header("X-API-Key", reader).get("/api/v1/reconciliation/runs").then().statusCode(200).body("", hasSize(1));
        given().header("X-API-Key", reader).get("/api/v1/reconciliation/orphans?status=weird").then().statusCode(400);
    }

    @Test
    void aStandbyAsksTheActiveInstanceAndCannotWriteOnceItsLeaseIsGone() {
        stores.set("reconciler:lease", "other-instance|999999");

        given().header("X-API-Key", admin).post("/api/v1/reconciliation/run").then().statusCode(202)
                .body("status", equalTo("requested")).body("active_instance", equalTo("other-instance|999999"));

        assertThat(stores.get("reconciler:run-requested")).isNotNull();
        assertThat(stores.get("reconciliation:state")).as("a standby writes nothing").isNull();
        assertThat(stores.count("SELECT count(*) FROM reconciliation_runs")).isZero();
    }
}

package io.tripwire.gateway.gates;

import static io.tripwire.gateway.support.GatewayTestSupport.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tripwire.gateway.support.GatewayTestSupport;
import io.tripwire.gateway.support.Orders;
import io.tripwire.gateway.support.PaperVenueResource;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seed 002's gates one at a time through the gate API, as the desk records them: each reason alone refuses a
 * risk-increasing order 423 TRADING_GATE_CLOSED naming exactly that reason, while a reduce-only order passes;
 * recording every check passed opens the gate again.
 */
@QuarkusTest
@TestProfile(TradingGateTest.Gated.class)
@WithTestResource(PaperVenueResource.class)
class DeskGateReasonsTest {

    @Inject GatewayTestSupport support;
    String admin;

    @BeforeEach
    void tradeable() {
        admin = support.tradeable();
        evaluate(List.of()); // the venue gate open: only the reason under test closes it
    }

    @ParameterizedTest
    @ValueSource(strings = {"DATA_QUALITY_FAIL", "RECONCILIATION_REQUIRED", "RECONCILIATION_FAIL", "CONFIRMATION_MISSING"})
    void eachReasonAloneRefusesNewRiskWithThatReason(String reason) {
        Orders.market(admin, "AAPL", "BUY", "1").then().statusCode(201);

        evaluate(List.of(reason));
        Orders.market(admin, "AAPL", "BUY", "1").then().statusCode(423).body("code", equalTo("TRADING_GATE_CLOSED"))
                .body("details.reasons", contains(reason)).body("details.gates.'venue:paper'", contains(reason));
        Orders.reduceOnlyMarket(admin, "AAPL", "SELL", "1").then().statusCode(201);

        evaluate(List.of());
        Orders.market(admin, "AAPL", "BUY", "1").then().statusCode(201);
    }

    @Test
    void allFourClosedListEveryReason() {
        evaluate(List.of("RECONCILIATION_FAIL", "CONFIRMATION_MISSING", "DATA_QUALITY_FAIL", "RECONCILIATION_REQUIRED"));
        Orders.market(admin, "AAPL", "BUY", "1").then().statusCode(423).body("details.reasons",
                contains("CONFIRMATION_MISSING", "DATA_QUALITY_FAIL", "RECONCILIATION_FAIL", "RECONCILIATION_REQUIRED"));
    }

    private void evaluate(List<String> reasons) {
        as(admin).body(Map.of("reasons", reasons, "run_id", "desk-test")).put("/api/v1/trading-gates/venue:paper")
                .then().statusCode(200);
    }
}

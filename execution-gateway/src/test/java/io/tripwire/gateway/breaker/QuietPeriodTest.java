package io.tripwire.gateway.breaker;

import static io.tripwire.gateway.support.GatewayTestSupport.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tripwire.controlplane.state.BreakerStatus;
import io.tripwire.gateway.support.GatewayTestSupport;
import io.tripwire.gateway.support.Orders;
import io.tripwire.gateway.support.PaperVenueResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The test profile's quiet period is 4 s (application.properties). */
@QuarkusTest
@WithTestResource(PaperVenueResource.class)
class QuietPeriodTest {

    @Inject GatewayTestSupport support;
    String admin;

    @BeforeEach
    void tradeable() {
        admin = support.tradeable();
    }

    @Test
    void theQuietPeriodAdmitsOnlyReduceOnlyOrdersThenTheBreakerIsOpenAgainAndAudited() {
        support.exposure("AAPL", "5"); // a long position to reduce
        as(admin).body(Map.of("reason", "quiet period test trips the breaker", "acknowledged", true))
                .post("/api/v1/circuit-breaker/trip").then().statusCode(200);
        as(admin).body(Map.of("reason", "conditions are normal again, resetting", "acknowledged", true))
                .post("/api/v1/circuit-breaker/reset").then().statusCode(200).body("breaker.state", equalTo("QUIET_PERIOD"));

        Orders.market(admin, "AAPL", "BUY", "1").then().statusCode(422).body("code", equalTo("REDUCE_ONLY_REQUIRED"));
        Orders.reduceOnlyMarket(admin, "AAPL", "SELL", "1").then().statusCode(201);

        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> support.breaker().state() == BreakerStatus.OPEN);
        Orders.market(admin, "AAPL", "BUY", "1").then().statusCode(201);
        assertThat(support.count("SELECT count(*) FROM audit_log WHERE action = 'CIRCUIT_BREAKER_QUIET_PERIOD_ENDED'"))
                .isEqualTo(1);
    }

    @Test
    void aTripDuringTheQuietPeriodTripsAgainAndTheQuietPeriodDoesNotReopenIt() throws InterruptedException {
        as(admin).body(Map.of("reason", "quiet period test trips the breaker", "acknowledged", true))
                .post("/api/v1/circuit-breaker/trip").then().statusCode(200);
        as(admin).body(Map.of("reason", "conditions are normal again, resetting", "acknowledged", true))
                .post("/api/v1/circuit-breaker/reset").then().statusCode(200);
        as(admin).body(Map.of("reason", "it broke again during the quiet period", "acknowledged", true))
                .post("/api/v1/circuit-breaker/trip").then().statusCode(200).body("changed", equalTo(true));

        Thread.sleep(6_000); // past the first quiet_until
        assertThat(support.breaker().state()).isEqualTo(BreakerStatus.TRIPPED);
    }
}

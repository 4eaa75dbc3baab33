package io.tripwire.gateway.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.tripwire.controlplane.state.BreakerStatus;
import io.tripwire.gateway.support.GatewayTestSupport;
import io.tripwire.gateway.support.Orders;
import io.tripwire.gateway.support.PaperVenueResource;
import io.tripwire.controlplane.venue.alpaca.ScriptedVenue;
import io.tripwire.controlplane.venue.Venue;
import io.tripwire.controlplane.venue.VenueAccount;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With the periodic evaluation out of the way (every hour in the test profile), only an order update can trip the breaker here. */
@QuarkusTest
@WithTestResource(PaperVenueResource.class)
class AutoTripOnOrderUpdateTest {

    @Inject GatewayTestSupport support;
    @Inject io.tripwire.controlplane.config.ControlPlaneConfig config;
    String admin;

    @BeforeEach
    void tradeable() {
        admin = support.tradeable();
    }

    @Test
    void aFillThatTakesTheDayBeyondTheLossLimitTripsTheBreakerAtOnce() {
        ScriptedVenue venue = new ScriptedVenue(config);
        venue.account(() -> venue.submits() == 0
                ? new VenueAccount(new BigDecimal("1000000"), new BigDecimal("1000000"), new BigDecimal("1000000"))
                : new VenueAccount(new BigDecimal("993000"), new BigDecimal("1000000"), new BigDecimal("993000")));
        QuarkusMock.installMockForType(venue, Venue.class);

        Orders.market(admin, "AAPL", "BUY", "1").then().statusCode(201);

        Awaitility.await().atMost(GatewayTestSupport.WAIT).until(() -> support.breaker().state() == BreakerStatus.TRIPPED);
        assertThat(support.breaker().tripReason()).isEqualTo(TripReason.DAILY_LOSS_EXCEEDED.name());
    }
}

package io.tripwire.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tripwire.controlplane.venue.VenueAccount;
import io.tripwire.gateway.breaker.AutoTripMonitor;
import io.tripwire.gateway.support.GatewayTestSupport;
import io.tripwire.gateway.support.Metrics;
import io.tripwire.gateway.support.Orders;
import io.tripwire.gateway.support.PaperVenue;
import io.tripwire.gateway.support.PaperVenueResource;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Trading and Risk dashboards' gauges on /q/metrics follow the paper venue's book and account. */
@QuarkusTest
@WithTestResource(PaperVenueResource.class)
class TradingMetricsTest {

    @Inject GatewayTestSupport support;
    @Inject TradingMetrics metrics;
    @Inject AutoTripMonitor monitor;
    String admin;

    @BeforeEach
    void tradeable() {
        admin = support.tradeable();
    }

    @Test
    void positionGaugesShowTheVenuesSignedQuantityPerConfiguredSymbolAndZeroWhenFlat() {
        Orders.market(admin, "AAPL", "BUY", "3").then().statusCode(201);
        Orders.market(admin, "MSFT", "SELL", "2").then().statusCode(201);
        Awaitility.await().atMost(GatewayTestSupport.WAIT).until(() -> PaperVenue.positions().getOrDefault("MSFT", BigDecimal.ZERO)
                .compareTo(new BigDecimal("-2")) == 0 && PaperVenue.positions().getOrDefault("AAPL", BigDecimal.ZERO).signum() > 0);

        metrics.refresh().await().atMost(GatewayTestSupport.WAIT);

        assertThat(Metrics.value("trading_position_quantity", "symbol=\"AAPL\"")).isEqualTo(3.0);
        assertThat(Metrics.value("trading_position_quantity", "symbol=\"MSFT\"")).isEqualTo(-2.0);
        assertThat(Metrics.value("trading_position_quantity", "symbol=\"SPY\"")).isEqualTo(0.0);
        assertThat(Metrics.value("trading_position_unrealized_pnl_usd", "symbol=\"SPY\"")).isEqualTo(0.0);
        assertThat(Metrics.value("trading_position_unrealized_pnl_usd", "symbol=\"AAPL\"")).isNotNaN();
        assertThat(Metrics.value("trading_position_quantity", "symbol=\"BTCUSD\"")).as("every configured symbol").isEqualTo(0.0);
    }

    @Test
    void accountGaugesAreTheBreakersLastAccountRead() {
        monitor.evaluateOnce().await().atMost(GatewayTestSupport.WAIT);
        VenueAccount read = monitor.lastAccount();
        assertThat(read).isNotNull();

        assertThat(Metrics.value("trading_account_equity_usd", "")).isEqualTo(read.equity().doubleValue());
        assertThat(Metrics.value("trading_daily_pnl_usd", "")).isEqualTo(read.dailyPnl().doubleValue());
        assertThat(Metrics.value("trading_drawdown_ratio", "")).isBetween(0.0, 1.0);
    }
}

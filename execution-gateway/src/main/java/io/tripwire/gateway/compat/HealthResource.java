package io.tripwire.gateway.compat;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.control.ControlStateReader;
import io.tripwire.controlplane.state.BreakerState;
import io.tripwire.controlplane.state.ControlRead;
import io.tripwire.controlplane.state.KillSwitchState;
import io.tripwire.gateway.GatewayConfig;
import io.tripwire.gateway.breaker.AutoTripMonitor;
import io.tripwire.gateway.breaker.BreakerView;
import io.tripwire.gateway.breaker.EquityPeak;
import io.tripwire.controlplane.venue.Venue;
import io.tripwire.controlplane.venue.VenueAccount;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;

/** Seed 001: {@code GET /health} (any valid API key; the open probes are {@code /q/health/*}). */
@Path("/health")
@Authenticated
public class HealthResource {

    private final ControlStateReader reader;
    private final Venue venue;
    private final AutoTripMonitor monitor;
    private final GatewayConfig config;
    private final io.tripwire.gateway.riskconfig.LiveLimits live;
    private final Clock clock;

    public HealthResource(ControlStateReader reader, Venue venue, AutoTripMonitor monitor, GatewayConfig config, Clock clock,
                          io.tripwire.gateway.riskconfig.LiveLimits live) {
        this.live = live;
        this.reader = reader;
        this.venue = venue;
        this.monitor = monitor;
        this.config = config;
        this.clock = clock;
    }

    @GET
    public Uni<HealthView> health() {
        Uni<VenueAccount> account = venue.account().onFailure().recoverWithNull();
        return Uni.combine().all().unis(reader.breaker(), reader.killSwitch(), account).asTuple().map(t -> {
            ControlRead<BreakerState> breaker = t.getItem1();
            VenueAccount acct = t.getItem3();
            String breakerStatus = breaker instanceof ControlRead.Present<BreakerState>(BreakerState b)
                    ? b.effectiveStatus(clock.instant()).name() : BreakerView.UNAVAILABLE;
            String killSwitch = t.getItem2() instanceof ControlRead.Present<KillSwitchState>(KillSwitchState k)
                    ? (k.active() ? k.mode().name() : "INACTIVE") : BreakerView.UNAVAILABLE;
            var risk = new HealthView.Risk(acct == null ? null : drawdown(acct), acct == null ? null : acct.dailyPnl(),
                    breakerStatus, killSwitch);
            var risky = live.risk();
            var limits = new HealthView.Config(risky.confidenceThreshold(), risky.perSymbolUsdCap(),
                    live.breaker().maxDrawdown(), risky.targetAnnualVolatility(), live.rateLimits().perKeyPerSecond());
            boolean ok = breaker.isPresent() && t.getItem2().isPresent() && acct != null;
            return new HealthView(ok, config.tradingMode(), risk, limits);
        });
    }

    private BigDecimal drawdown(VenueAccount account) {
        EquityPeak peak = monitor.peak().observe(account, clock.instant());
        if (peak.peak() == null || peak.peak().signum() <= 0) {
            return BigDecimal.ZERO;
        }
        return account.equity().subtract(peak.peak()).divide(peak.peak(), 6, RoundingMode.HALF_EVEN);
    }
}

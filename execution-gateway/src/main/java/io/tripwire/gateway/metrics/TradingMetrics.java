package io.tripwire.gateway.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.venue.Venue;
import io.tripwire.controlplane.venue.VenueAccount;
import io.tripwire.controlplane.venue.VenuePosition;
import io.tripwire.gateway.GatewayConfig;
import io.tripwire.gateway.breaker.AutoTripMonitor;
import io.tripwire.gateway.breaker.EquityPeak;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What the Trading and Risk dashboards show about the book, for display only (the limits are enforced on
 * {@code BigDecimal} values elsewhere; a gauge is a double by nature):
 * {@code trading_account_equity_usd}, {@code trading_daily_pnl_usd} (equity minus the previous close) and
 * {@code trading_drawdown_ratio} (below today's equity peak) from the breaker's own account reads
 * ({@link AutoTripMonitor}, every {@code gateway.breaker.evaluation-interval}); NaN until the first read.
 * {@code trading_position_quantity{symbol}} (signed) and {@code trading_position_unrealized_pnl_usd{symbol}}
 * for every configured symbol (fixed cardinality: {@code gateway.symbols}), 0 when flat, from the venue's
 * positions read every {@code gateway.metrics.position-interval} (default 15 s); the last values are kept
 * while the venue does not answer.
 */
@Startup
@ApplicationScoped
public class TradingMetrics {

    private static final int RATIO_SCALE = 6;

    private final Venue venue;
    private final Map<String, VenuePosition> positions = new ConcurrentHashMap<>();

    public TradingMetrics(MeterRegistry registry, AutoTripMonitor monitor, Venue venue, GatewayConfig config) {
        this.venue = venue;
        gauge(registry, "trading_account_equity_usd", null, Gauge.builder("trading_account_equity_usd", monitor, m -> account(m, VenueAccount::equity))
                .description("Venue account equity in USD (last read by the breaker's evaluation)"));
        gauge(registry, "trading_daily_pnl_usd", null, Gauge.builder("trading_daily_pnl_usd", monitor, m -> account(m, VenueAccount::dailyPnl))
                .description("Equity minus the previous close's equity, USD"));
        gauge(registry, "trading_drawdown_ratio", null, Gauge.builder("trading_drawdown_ratio", monitor, TradingMetrics::drawdown)
                .description("Fraction below today's equity peak (the breaker's drawdown rule), 0..1"));
        for (String raw : config.symbols()) {
            String symbol = raw.toUpperCase(Locale.ROOT);
            gauge(registry, "trading_position_quantity", symbol, Gauge.builder("trading_position_quantity", this, t -> t.position(symbol, VenuePosition::quantity))
                    .tag("symbol", symbol).description("Signed position quantity at the venue (negative = short)"));
            gauge(registry, "trading_position_unrealized_pnl_usd", symbol, Gauge.builder("trading_position_unrealized_pnl_usd", this,
                            t -> t.position(symbol, VenuePosition::unrealizedPnl))
                    .tag("symbol", symbol).description("Unrealized P&L of the position at the venue, USD"));
        }
    }

    @Scheduled(every = "${gateway.metrics.position-interval:15s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "trading-metrics-positions")
    Uni<Void> refresh() {
        return venue.positions().invoke(this::replace)
                .onFailure().invoke(e -> Log.debugf("positions for the trading metrics not readable: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    void replace(List<VenuePosition> now) {
        positions.clear();
        now.forEach(p -> positions.put(p.symbol().toUpperCase(Locale.ROOT), p));
    }

    private double position(String symbol, Function<VenuePosition, BigDecimal> field) {
        VenuePosition p = positions.get(symbol);
        BigDecimal value = p == null ? null : field.apply(p);
        return value == null ? 0 : value.doubleValue();
    }

    private static double account(AutoTripMonitor monitor, Function<VenueAccount, BigDecimal> field) {
        VenueAccount account = monitor.lastAccount();
        return account == null ? Double.NaN : field.apply(account).doubleValue();
    }

    private static double drawdown(AutoTripMonitor monitor) {
        VenueAccount account = monitor.lastAccount();
        EquityPeak peak = monitor.peak();
        if (account == null || peak == null || peak.peak() == null || peak.peak().signum() <= 0) {
            return Double.NaN;
        }
        BigDecimal top = peak.peak().max(account.equity());
        return top.subtract(account.equity()).divide(top, RATIO_SCALE, RoundingMode.HALF_EVEN).doubleValue();
    }

    /** As BreakerMetrics: a gauge left by an earlier start in the same JVM is removed before registering. */
    private static void gauge(MeterRegistry registry, String name, String symbol, Gauge.Builder<?> builder) {
        var earlier = registry.find(name);
        (symbol == null ? earlier : earlier.tag("symbol", symbol)).meters().forEach(registry::remove);
        builder.strongReference(true).register(registry);
    }
}

package io.tripwire.controlplane.riskconfig;

import io.tripwire.controlplane.riskconfig.RiskField.Kind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog of run-time risk settings (issue 11, ADR 0037): the services' own property names and
 * defaults (the {@code @WithDefault} values of GatewayConfig; a gateway test keeps them in step).
 */
public final class RiskFields {

    private static final String GW = "execution-gateway";

    public static final List<RiskField> ALL = List.of(
            field("gateway.risk.max-order-notional", Kind.DECIMAL, "1000000", "1", "1000000000000", false,
                    "Largest notional in one order, USD (fat finger; refused 422 FAT_FINGER)"),
            field("gateway.risk.max-order-quantity", Kind.DECIMAL, "10000", "0.0001", "1000000000", false,
                    "Largest quantity in one order (fat finger)"),
            field("gateway.risk.per-symbol-usd-cap", Kind.DECIMAL, "1000000", "1", "10000000000000", false,
                    "Largest position per symbol incl. working orders, USD (PER_SYMBOL_USD_CAP; 422 SYMBOL_CAP)"),
            field("gateway.risk.max-position-quantity", Kind.DECIMAL, "100000", "0.0001", "1000000000000", false,
                    "Largest absolute position per symbol incl. working orders, units (422 POSITION_LIMIT)"),
            field("gateway.risk.price-collar-bps", Kind.DECIMAL, "500", "1", "10000", false,
                    "Largest distance of a limit price from the reference price, basis points (422 PRICE_COLLAR)"),
            field("gateway.risk.max-price-age", Kind.DURATION, "10s", "100ms", "1h", false,
                    "A reference price older than this is stale: the order is refused"),
            field("gateway.risk.confidence-threshold", Kind.DECIMAL, "0.6", "0", "1", true,
                    "Minimum signal confidence (CONFIDENCE_THRESHOLD; 412 LOW_CONFIDENCE)"),
            field("gateway.risk.target-annual-volatility", Kind.DECIMAL, "0.08", "0.001", "2", false,
                    "Annualized volatility target of seed-001 sizing (TARGET_ANN_VOL)"),
            field("gateway.breaker.daily-loss-limit", Kind.DECIMAL, "5000", "1", "1000000000000", false,
                    "Automatic trip: loss today beyond this, USD (MAX_DAILY_LOSS)"),
            field("gateway.breaker.max-drawdown", Kind.DECIMAL, "0.10", "0.001", "1", false,
                    "Automatic trip: drawdown from the day's equity peak beyond this fraction (MAX_DRAWDOWN)"),
            field("gateway.breaker.max-consecutive-venue-errors", Kind.INTEGER, "5", "1", "10000", false,
                    "Automatic trip: this many consecutive venue errors"),
            field("gateway.breaker.reject-storm-count", Kind.INTEGER, "200", "1", "1000000", false,
                    "Automatic trip: this many rejects within the reject-storm window"),
            field("gateway.breaker.quiet-period", Kind.DURATION, "60s", "1s", "24h", true,
                    "Reduce-only period after a breaker reset (QUIET_PERIOD)"),
            field("gateway.rate-limits.per-key-per-second", Kind.INTEGER, "200", "1", "1000000", false,
                    "Orders per second per API key (429 RATE_LIMITED)"),
            field("gateway.rate-limits.per-strategy-per-second", Kind.INTEGER, "200", "1", "1000000", false,
                    "Orders per second per strategy"),
            field("gateway.rate-limits.global-per-second", Kind.INTEGER, "5000", "1", "10000000", false,
                    "Orders per second across the whole gateway fleet"));

    private static final Map<String, RiskField> BY_NAME = index();

    private RiskFields() {
    }

    public static Optional<RiskField> named(String name) {
        return Optional.ofNullable(name == null ? null : BY_NAME.get(name));
    }

    private static RiskField field(String name, Kind kind, String defaultValue, String min, String max,
                                   boolean higherIsSafer, String description) {
        return new RiskField(name, kind, defaultValue, min, max, higherIsSafer, GW, description);
    }

    private static Map<String, RiskField> index() {
        Map<String, RiskField> map = new LinkedHashMap<>();
        ALL.forEach(f -> map.put(f.name(), f));
        return Map.copyOf(map);
    }
}

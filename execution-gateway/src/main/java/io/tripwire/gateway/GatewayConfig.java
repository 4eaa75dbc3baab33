package io.tripwire.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/** Settings of the execution gateway. Every default is the safe one for paper trading. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** {@code paper} (default) or {@code live}; shown by {@code GET /health} as tradingMode. */
    @WithDefault("paper")
    String tradingMode();

    /** Symbols the gateway accepts orders for; anything else is a 400. */
    @WithDefault("AAPL,MSFT,SPY,BTCUSD,ETHUSD")
    List<String> symbols();

    /** Venue polling and submit concurrency. */
    Venue venue();

    /** Circuit breaker behaviour. */
    Breaker breaker();

    /** Pre-trade risk limits. */
    Risk risk();

    /** Order rate limits (token buckets in Redis); cancels are never throttled. */
    RateLimits rateLimits();

    /** Daily trading gates (NO DATA / NO RECONCILE / NO CONFIRM): which scopes must be open. Default: none. */
    Gates gates();

    Metrics metrics();

    /**
     * Risk-increasing orders being admitted at once (from arrival to the 201) above which a new one is shed at
     * arrival with 429 RATE_LIMITED and Retry-After, before any I/O: overload is refused in microseconds instead
     * of queueing every order behind the stores. Reduce-only and kill-switch flatten orders are never shed.
     * Default 256.
     */
    @WithName("admission.max-in-flight")
    @WithDefault("256")
    int admissionMaxInFlight();

    /** How long an idempotency key ({@code Idempotency-Key} / client_order_id) is remembered in Redis. Default 24 h. */
    @WithDefault("24h")
    Duration idempotencyTtl();

    /**
     * Which daily trading gates ({@code trading_gate:{scope}}) an order needs open. A risk-increasing order is
     * refused 423 TRADING_GATE_CLOSED while any of its gates is closed or unknown; reduce-only orders and
     * cancels pass.
     */
    /** The trading_* display gauges (io.tripwire.gateway.metrics.TradingMetrics). */
    interface Metrics {
        /** How often the venue's positions are read for trading_position_*. Default 15 s. */
        @WithDefault("15s")
        Duration positionInterval();
    }

    interface Gates {
        /** Gate this venue: scope {@code venue:<name>} (e.g. {@code paper}, {@code manual}). Default: not gated. */
        java.util.Optional<String> venue();

        /** Gate these strategies ({@code strategy:<id>}); {@code *} gates every strategy's orders. Default: none. */
        java.util.Optional<List<String>> strategies();

        /**
         * Time zone of the trading day an evaluation recorded through {@code PUT /api/v1/trading-gates/{scope}} holds
         * for: an open gate closes at the next midnight there ({@code EVALUATION_EXPIRED}). Default Europe/London,
         * the desk's ({@code desk.zone}).
         */
        @WithDefault("Europe/London")
        java.time.ZoneId zone();
    }

    /** How the gateway drives the venue (URL, keys and timeout: {@code tripwire.venue.*}). */
    interface Venue {
        /** Interval of polling the venue for order updates (the scheduler's floor is 1 s). Default 1 s. */
        @WithDefault("1s")
        Duration pollInterval();

        /**
         * An order at the venue is polled once it has had no news for this long; until then its submit is
         * still answering for it (polling fresh orders would read every order twice at high rates). Default 2 s.
         */
        @WithDefault("2s")
        Duration pollQuiet();

        /**
         * Venue submits in flight at once; more wait as NEW orders for the submit sweeper. Bounded so the
         * background venue traffic cannot take the PostgreSQL connections the admission path needs. Default 32.
         */
        @WithDefault("32")
        int maxInFlight();
    }

    interface Breaker {
        /** Reduce-only period after a reset before the breaker is OPEN again. Default 60 s. */
        @WithDefault("60s")
        Duration quietPeriod();

        /** Minimum length of a trip or reset reason. Default 20. */
        @WithDefault("20")
        int minReasonLength();

        /** Automatic trip: realized + unrealized loss today beyond this (USD, positive number). Default 5000. */
        @WithDefault("5000")
        BigDecimal dailyLossLimit();

        /** Automatic trip: drawdown from the day's equity peak beyond this fraction. Default 0.10. */
        @WithDefault("0.10")
        BigDecimal maxDrawdown();

        /** Automatic trip: this many consecutive venue errors. Default 5. */
        @WithDefault("5")
        int maxConsecutiveVenueErrors();

        /** Automatic trip: this many rejects within {@link #rejectStormWindow()}. Default 200. */
        @WithDefault("200")
        int rejectStormCount();

        /** Window of the reject-storm count. Default 60 s. */
        @WithDefault("60s")
        Duration rejectStormWindow();

        /** Interval of the periodic automatic-trip evaluation. Default 5 s. */
        @WithDefault("5s")
        Duration evaluationInterval();

        /**
         * Least time between two automatic-trip evaluations triggered by order updates; updates in between
         * are folded into the next one. Default 200 ms.
         */
        @WithDefault("200ms")
        Duration updateEvaluationSpacing();

        /**
         * After this replica saw the breaker TRIPPED (admission answer, probe, own trip), orders are refused
         * CIRCUIT_BREAKER_TRIPPED for this long without a Redis round trip (a refusal is always safe; a
         * reset elsewhere takes effect here at most this much later). Zero disables it. Default 100 ms.
         */
        @WithDefault("100ms")
        Duration trippedRefusalCache();
    }

    interface Risk {
        /** Minimum signal confidence ({@code CONFIDENCE_THRESHOLD}); required for strategy orders. Default 0.6. */
        @WithDefault("0.6")
        BigDecimal confidenceThreshold();

        /** Largest quantity in one order (fat finger). Default 10000. */
        @WithDefault("10000")
        BigDecimal maxOrderQuantity();

        /** Largest notional in one order, USD (fat finger). Default 1000000. */
        @WithDefault("1000000")
        BigDecimal maxOrderNotional();

        /** Limit price may be at most this many basis points from the reference price (collar). Default 500. */
        @WithDefault("500")
        BigDecimal priceCollarBps();

        /** A reference price older than this is stale: the order is refused. Default 10 s. */
        @WithDefault("10s")
        Duration maxPriceAge();

        /**
         * A usable reference price read from {@code md:last:*} is reused by this replica for this long
         * (its own timestamp still decides staleness). Zero reads Redis for every order. Default 100 ms.
         */
        @WithDefault("100ms")
        Duration priceCache();

        /** Largest absolute position per symbol including working orders, in units. Default 100000. */
        @WithDefault("100000")
        BigDecimal maxPositionQuantity();

        /** Largest position per symbol including working orders, USD ({@code PER_SYMBOL_USD_CAP}). Default 1000000. */
        @WithDefault("1000000")
        BigDecimal perSymbolUsdCap();

        /** Annualized volatility target for seed-001 sizing ({@code TARGET_ANN_VOL}). Default 0.08. */
        @WithDefault("0.08")
        BigDecimal targetAnnualVolatility();
    }

    interface RateLimits {
        /** Orders per second per API key (burst = 2 s worth). Default 200. */
        @WithDefault("200")
        int perKeyPerSecond();

        /** Orders per second per strategy. Default 200. */
        @WithDefault("200")
        int perStrategyPerSecond();

        /** Orders per second across the whole gateway fleet. Default 5000. */
        @WithDefault("5000")
        int globalPerSecond();
    }
}

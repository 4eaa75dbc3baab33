package io.tripwire.reconciler.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/** Settings of the reconciler; every default is the safe one for a live desk. */
@ConfigMapping(prefix = "reconciler")
public interface ReconcilerConfig {

    /** Time between periodic reconciliations ({@code off} disables the periodic trigger). Default 60 s. */
    @WithDefault("60s")
    String interval();

    /**
     * Time between control-state checks: lease renewal (standbys try to take it), missing control keys
     * restored from PostgreSQL, a run started when {@code reconciliation:state} or an {@code exposure:*}
     * hash is missing ({@code off} disables it). Default 2 s.
     */
    @WithDefault("2s")
    String controlStateInterval();

    /** Whether a run starts as soon as the service is up (and holds the lease). Default true. */
    @WithDefault("true")
    boolean runAtStartup();

    /** Lifetime of the single-active-reconciler lease in Redis; failover takes at most this plus one check. Default 15 s. */
    @WithDefault("15s")
    Duration leaseTtl();

    /**
     * UNKNOWN or SUBMITTED orders older than this that the venue does not know are REJECTED (provenance
     * reconciliation); younger ones are left for the next run, since the venue may still be processing them. Default 60 s.
     */
    @WithDefault("60s")
    Duration gracePeriod();

    /** The venue listing starts this long before the high-water mark (and before the oldest open order). Default 60 s. */
    @WithDefault("60s")
    Duration overlap();

    /** Without a high-water mark (first run), venue orders submitted in this look-back are listed. Default 24 h. */
    @WithDefault("24h")
    Duration initialLookback();

    /** Targeted by-client-order-id lookups per run (venue rate limits); the rest wait for the next run. Default 200. */
    @WithDefault("200")
    int maxLookups();

    /** Most venue orders one run lists; a longer listing fails the run rather than reconcile half. Default 100000. */
    @WithDefault("100000")
    int maxVenueOrders();

    /** Venue list page size (Alpaca's maximum is 500). Default 500. */
    @WithDefault("500")
    int pageSize();

    /**
     * Largest absolute position quantity difference (units) aligned silently; beyond it the breaker trips
     * with RECONCILIATION_MISMATCH and a critical alert is raised. Default 0.0001.
     */
    @WithDefault("0.0001")
    BigDecimal positionTolerance();

    /** A position difference beyond tolerance is re-checked this many times (fills in flight) before it counts. Default 2. */
    @WithDefault("2")
    int positionRechecks();

    /**
     * After a FAILED run (e.g. the venue not up yet at start-up), the control-state check starts a new
     * run once the failure is this old, so the gate does not wait for the next periodic run. Default 10 s.
     */
    @WithDefault("10s")
    Duration retryAfterFailure();

    /** A run that takes longer than this fails (the gateway stays reduce-only). Default 120 s. */
    @WithDefault("120s")
    Duration runTimeout();

    /** Symbols whose {@code exposure:*} hash is rebuilt every run, flat ones included (the gateway refuses a symbol without one). */
    @WithDefault("AAPL,MSFT,SPY,BTCUSD,ETHUSD")
    List<String> symbols();

    /** Differences kept in a run's report ({@code GET /api/v1/reconciliation/runs/{id}}); counts are always complete. Default 500. */
    @WithDefault("500")
    int maxReportEntries();
}

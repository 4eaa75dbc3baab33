package io.tripwire.reconciler.desk;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/** The manual desk (seed 002): its universe, data-quality and reconciliation limits, ticket sizing, where runs are written. */
@ConfigMapping(prefix = "desk")
public interface DeskConfig {

    /** Gate scopes the desk's evaluation is recorded on ({@code trading_gate:<scope>}). Default {@code venue:manual}. */
    @WithDefault("venue:manual")
    List<String> gateScopes();

    /** Symbols the desk trades; each needs fresh, sane bars for the data-quality report. Default SPY,AAPL,MSFT. */
    @WithDefault("SPY,AAPL,MSFT")
    List<String> universe();

    /** Bars of {@code md:bars} within this look-back count for the report. Default 10 min. */
    @WithDefault("10m")
    Duration barsWindow();

    /** A symbol whose newest bar is older than this is stale. Default 2 min. */
    @WithDefault("2m")
    Duration maxBarAge();

    /** A gap between two bars of one symbol longer than this is a missing bar. Default 30 s. */
    @WithDefault("30s")
    Duration maxBarGap();

    /** Share of the universe (percent) that must have bars. Default 100. */
    @WithDefault("100")
    BigDecimal coverageMinPct();

    /** |broker cash − ledger cash| above this fails reconciliation (base currency). Default 5. */
    @WithDefault("5")
    BigDecimal cashTolerance();

    /** |broker units − ledger units| above this, for any symbol, fails reconciliation. Default 0.0001. */
    @WithDefault("0.0001")
    BigDecimal unitsTolerance();

    /** A passing reconciliation this many days before the as-of date still counts (0 = same day). Default 0. */
    @WithDefault("0")
    int reconcileMaxAgeDays();

    /** Target weight of each symbol in the book ({@code SYMBOL=share of equity}, long-only). Default SPY=0.5,AAPL=0.2,MSFT=0.2. */
    @WithDefault("SPY=0.5,AAPL=0.2,MSFT=0.2")
    List<String> targets();

    /** A rebalance line below this notional is not worth a ticket line. Default 50. */
    @WithDefault("50")
    BigDecimal minTradeNotional();

    /** Limit price = close ± this many basis points. Default 20. */
    @WithDefault("20")
    int maxSlippageBps();

    /** Whether a 14:00 run may ever emit a TRADE ticket without the run's DRYRUN_TRADES flag. Default false (seed 002). */
    @WithDefault("false")
    boolean tradesEnabled();

    /** Where run summaries go ({@code <dir>/<run_id>/run_summary.md}). Default {@code artifacts/runs}. */
    @WithDefault("artifacts/runs")
    String runsDir();

    /** Where reconciliation reports go. Default {@code artifacts/reports}. */
    @WithDefault("artifacts/reports")
    String reportsDir();

    /** Currency of the broker account's cash. Default GBP. */
    @WithDefault("GBP")
    String baseCurrency();

    /** Time zone of the desk's day (the as-of date). Default Europe/London. */
    @WithDefault("Europe/London")
    String zone();
}

package io.tripwire.gateway.compat;

import java.math.BigDecimal;

/**
 * Seed 001's {@code GET /health}: {@code {ok, tradingMode, risk{drawdown, dailyPnl, breaker},
 * config{confidenceThreshold, perSymbolUsdCap, maxDrawdownPct, targetAnnVol, rateLimitMax}}}.
 *
 * @param ok true when the control state is readable and the venue answers
 */
public record HealthView(boolean ok, String tradingMode, Risk risk, Config config) {

    /**
     * @param drawdown fraction below today's equity peak, as a negative number (0 at the peak); null when unknown
     * @param dailyPnl venue equity minus the previous close's equity, USD; null when unknown
     * @param breaker  the breaker's effective status (UNAVAILABLE when unreadable)
     */
    public record Risk(BigDecimal drawdown, BigDecimal dailyPnl, String breaker, String killSwitch) {
    }

    /** The limits in force ({@code rateLimitMax} = orders per second per API key). */
    public record Config(BigDecimal confidenceThreshold, BigDecimal perSymbolUsdCap, BigDecimal maxDrawdownPct,
                         BigDecimal targetAnnVol, int rateLimitMax) {
    }
}

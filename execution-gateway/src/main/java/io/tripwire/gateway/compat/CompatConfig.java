package io.tripwire.gateway.compat;

import io.smallrye.config.ConfigMapping;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/** Settings of the seed-001 compatibility endpoints ({@code gateway.compat.*}). */
@ConfigMapping(prefix = "gateway.compat")
public interface CompatConfig {

    /**
     * Annualized realized volatility per symbol for {@code POST /api/trade/execute} volatility targeting,
     * e.g. {@code gateway.compat.realized-volatility.BTCUSD=0.5}. Default none.
     */
    Map<String, BigDecimal> realizedVolatility();

    /**
     * Realized volatility of a symbol missing from {@link #realizedVolatility()}. Default: the target
     * ({@code gateway.risk.target-annual-volatility}), i.e. no volatility scaling until one is configured.
     */
    Optional<BigDecimal> defaultRealizedVolatility();
}

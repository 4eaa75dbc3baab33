package io.tripwire.papervenue.fault;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import java.math.BigDecimal;

/**
 * Faults injected into the Alpaca API ({@code /v2/...}): added latency, a share of requests that
 * fail with 500/503, a share of order submissions that are accepted and persisted but whose answer
 * is held back far beyond any client timeout, and refusal of every order. Absent fields mean "off";
 * the seed makes the sequence of outcomes repeatable.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FaultSettings(@Min(0) Long latencyMs,
                            @DecimalMin("0") @DecimalMax("1") BigDecimal errorRate,
                            @DecimalMin("0") @DecimalMax("1") BigDecimal acceptThenTimeoutRate,
                            Boolean rejectAll,
                            Long seed) {

    public static FaultSettings none(long seed) {
        return new FaultSettings(0L, BigDecimal.ZERO, BigDecimal.ZERO, false, seed);
    }

    /** Every field present: absent ones off, an absent seed replaced by {@code defaultSeed}. */
    public FaultSettings normalized(long defaultSeed) {
        return new FaultSettings(latencyMs == null ? 0L : latencyMs, errorRate == null ? BigDecimal.ZERO : errorRate,
                acceptThenTimeoutRate == null ? BigDecimal.ZERO : acceptThenTimeoutRate, Boolean.TRUE.equals(rejectAll),
                seed == null ? defaultSeed : seed);
    }

    public boolean active() {
        return latencyMs > 0 || errorRate.signum() > 0 || acceptThenTimeoutRate.signum() > 0 || rejectAll;
    }
}

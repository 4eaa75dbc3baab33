package io.tripwire.gateway.breaker;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;

/**
 * {@code POST /api/v1/circuit-breaker/trip}. {@code code} defaults to MANUAL; other services (signal
 * service: DATA_STALE, reconciler: RECONCILIATION_MISMATCH) name theirs and may add the limit and value.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TripRequest(String reason, Boolean acknowledged, TripReason code, BigDecimal thresholdValue,
                          BigDecimal actualValue) {
}

package io.tripwire.gateway.admission;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * What the admission script needs to decide one order.
 *
 * @param apiKeyPrefix     the caller's key (its own rate bucket)
 * @param strategyId       strategy, or {@code null} for manual orders (shared "manual" bucket)
 * @param flatten          a kill-switch flatten order: reduce-only and allowed through a TRIPPED breaker
 * @param positionLimit    max absolute position incl. working orders, units
 * @param symbolCapQuantity the per-symbol USD cap converted to units at the reference price
 */
public record AdmissionRequest(
        UUID orderId,
        String clientOrderId,
        String requestHash,
        String apiKeyPrefix,
        String strategyId,
        String symbol,
        boolean buy,
        BigDecimal quantity,
        boolean reduceOnly,
        boolean flatten,
        BigDecimal positionLimit,
        BigDecimal symbolCapQuantity) {
}

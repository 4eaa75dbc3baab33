package io.tripwire.controlplane.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** An order as the gateway books it (table {@code orders}). */
public record Order(
        UUID id,
        String clientOrderId,
        String requestHash,
        String apiKeyPrefix,
        String strategyId,
        String artifactId,
        String symbol,
        Side side,
        OrderType type,
        TimeInForce timeInForce,
        BigDecimal quantity,
        BigDecimal limitPrice,
        BigDecimal referencePrice,
        boolean reduceOnly,
        BigDecimal confidence,
        OrderStatus status,
        BigDecimal filledQty,
        BigDecimal avgFillPrice,
        String venue,
        String venueOrderId,
        String rejectCode,
        String rejectMessage,
        String provenance,
        Instant createdAt,
        Instant updatedAt) {

    public BigDecimal unfilled() {
        return quantity.subtract(filledQty);
    }

    public boolean isOpen() {
        return !status.terminal();
    }
}

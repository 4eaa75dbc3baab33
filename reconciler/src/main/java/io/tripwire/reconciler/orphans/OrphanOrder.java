package io.tripwire.reconciler.orphans;

import java.math.BigDecimal;
import java.time.Instant;

/** A venue order Tripwire never sent (table {@code orphan_orders}); open until an operator clears it. */
@com.fasterxml.jackson.databind.annotation.JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OrphanOrder(long id, String venueOrderId, String clientOrderId, String symbol, String side,
                          BigDecimal quantity, BigDecimal filledQty, String status, String strategy, Instant firstSeenAt,
                          Instant lastSeenAt, String firstRunId, Instant clearedAt, String clearedBy, String clearReason) {

    public boolean open() {
        return clearedAt == null;
    }
}

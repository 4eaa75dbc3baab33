package io.tripwire.controlplane.venue.alpaca;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.time.Instant;

/** Alpaca order entity (fields the gateway reads). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
record AlpacaOrder(String id, String clientOrderId, String symbol, String side, String type, BigDecimal qty,
                   BigDecimal filledQty, BigDecimal filledAvgPrice, String status, Instant updatedAt,
                   Instant createdAt, Instant submittedAt) {
}

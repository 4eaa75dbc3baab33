package io.tripwire.reconciler.venue;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.tripwire.controlplane.order.OrderStatus;
import io.tripwire.controlplane.venue.VenueOrder;
import java.math.BigDecimal;
import java.time.Instant;

/** An Alpaca order as listed, with the submission time used as the page cursor. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
record ListedOrder(String id, String clientOrderId, String symbol, String side, BigDecimal qty, BigDecimal filledQty,
                   BigDecimal filledAvgPrice, String status, Instant submittedAt, Instant createdAt, Instant updatedAt) {

    Instant cursor() {
        return submittedAt != null ? submittedAt : createdAt;
    }

    VenueOrder toVenueOrder() {
        if (id == null || clientOrderId == null || symbol == null || side == null || status == null) {
            throw new IllegalStateException("venue order report without id, client order id, symbol, side or status");
        }
        return new VenueOrder(id, clientOrderId, symbol, "buy".equals(side), qty,
                filledQty == null ? BigDecimal.ZERO : filledQty, filledAvgPrice, OrderStatus.fromAlpaca(status),
                updatedAt != null ? updatedAt : createdAt);
    }
}

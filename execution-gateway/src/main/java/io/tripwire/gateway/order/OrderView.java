package io.tripwire.gateway.order;

import io.tripwire.controlplane.order.OrderStatus;
import io.tripwire.controlplane.order.Side;
import io.tripwire.controlplane.order.OrderType;
import io.tripwire.controlplane.order.TimeInForce;
import io.tripwire.controlplane.order.Order;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** An order as the API shows it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OrderView(
        UUID id,
        String clientOrderId,
        String symbol,
        Side side,
        OrderType type,
        TimeInForce timeInForce,
        BigDecimal qty,
        BigDecimal limitPrice,
        boolean reduceOnly,
        String strategyId,
        String artifactId,
        BigDecimal confidence,
        OrderStatus status,
        BigDecimal filledQty,
        BigDecimal avgFillPrice,
        String venue,
        String venueOrderId,
        String rejectCode,
        String rejectMessage,
        Instant createdAt,
        Instant updatedAt) {

    public static OrderView of(Order o) {
        return new OrderView(o.id(), o.clientOrderId(), o.symbol(), o.side(), o.type(), o.timeInForce(),
                o.quantity().stripTrailingZeros(), o.limitPrice(), o.reduceOnly(), o.strategyId(), o.artifactId(),
                o.confidence(), o.status(), o.filledQty().stripTrailingZeros(), o.avgFillPrice(), o.venue(),
                o.venueOrderId(), o.rejectCode(), o.rejectMessage(), o.createdAt(), o.updatedAt());
    }
}

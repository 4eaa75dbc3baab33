package io.tripwire.papervenue.order;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.tripwire.papervenue.alpaca.Decimals;
import io.tripwire.papervenue.market.Instrument;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Alpaca's order object: snake_case, decimals as strings, RFC 3339 times, nulls kept as Alpaca sends them. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OrderView(UUID id, String clientOrderId, Instant createdAt, Instant updatedAt, Instant submittedAt,
                        Instant filledAt, Instant expiredAt, Instant canceledAt, Instant failedAt, Instant replacedAt,
                        UUID replacedBy, UUID replaces, UUID assetId, String symbol, String assetClass, String notional,
                        String qty, String filledQty, String filledAvgPrice, String orderClass, String orderType,
                        String type, String side, String timeInForce, String limitPrice, String stopPrice, String status,
                        boolean extendedHours, List<OrderView> legs, String trailPercent, String trailPrice, String hwm,
                        String commission) {

    public static OrderView of(PaperOrder o) {
        return new OrderView(o.id(), o.clientOrderId(), o.createdAt(), o.updatedAt(), o.submittedAt(), o.filledAt(),
                o.expiredAt(), o.canceledAt(), null, null, null, null, Instrument.assetIdOf(o.symbol()), o.symbol(),
                Instrument.assetClassOf(o.symbol()), Decimals.wire(o.notional()), Decimals.wire(o.qty()), Decimals.wire(o.filledQty()),
                Decimals.wire(o.fillPrice()), "simple", o.type().wire(), o.type().wire(), o.side().wire(),
                o.timeInForce().wire(), Decimals.wire(o.limitPrice()), null, o.status().wire(), false, null, null, null,
                null, Decimals.wire(o.commission()));
    }
}

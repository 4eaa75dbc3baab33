package io.tripwire.papervenue.order;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Body of POST /v2/orders as Alpaca defines it. Every field is text: Alpaca sends decimals as
 * strings (numbers are accepted too) and {@link OrderValidator} reports each bad field by name.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CreateOrderRequest(String symbol, String qty, String notional, String side, String type, String timeInForce,
                                 String limitPrice, String stopPrice, String clientOrderId, String orderClass) {
}

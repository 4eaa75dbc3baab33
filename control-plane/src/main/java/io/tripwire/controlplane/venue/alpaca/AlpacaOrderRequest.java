package io.tripwire.controlplane.venue.alpaca;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Alpaca create-order body: quantities and prices as decimal strings, as Alpaca documents them. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
record AlpacaOrderRequest(String symbol, String qty, String side, String type, String timeInForce, String limitPrice,
                          String clientOrderId) {
}

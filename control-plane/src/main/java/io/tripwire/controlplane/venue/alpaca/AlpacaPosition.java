package io.tripwire.controlplane.venue.alpaca;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;

/** Alpaca position entity; {@code qty} may be unsigned with {@code side} "short". */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
record AlpacaPosition(String symbol, BigDecimal qty, String side, BigDecimal avgEntryPrice, BigDecimal currentPrice,
                      BigDecimal unrealizedPl) {
}

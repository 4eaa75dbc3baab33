package io.tripwire.controlplane.venue.alpaca;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;

/** Alpaca account entity (fields the breaker watches). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
record AlpacaAccount(BigDecimal equity, BigDecimal lastEquity, BigDecimal cash) {
}

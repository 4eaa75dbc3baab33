package io.tripwire.controlplane.venue;

import java.math.BigDecimal;

/** A venue position: signed quantity (negative = short), average entry, current price and unrealized P&L. */
public record VenuePosition(String symbol, BigDecimal quantity, BigDecimal avgEntryPrice, BigDecimal currentPrice,
                            BigDecimal unrealizedPnl) {
}

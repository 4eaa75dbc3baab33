package io.tripwire.papervenue.order;

import java.math.BigDecimal;

/**
 * One execution: quantity, price, the reference quote it slipped from (ask for a buy, bid for a
 * sell), the slippage per unit and in basis points (always adverse or zero), and the commission.
 */
public record Fill(BigDecimal qty, BigDecimal price, BigDecimal referencePrice, BigDecimal slippage, BigDecimal slippageBps,
                   BigDecimal commission) {
}

package io.tripwire.papervenue.order;

import io.tripwire.papervenue.alpaca.Decimals;
import io.tripwire.papervenue.market.Quote;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * Decides whether an order trades against a quote and at what price. Market orders always trade at
 * the ask (buy) or bid (sell) plus adverse slippage; a limit order trades only when the quote
 * reaches its limit, and never at a worse price than the limit.
 */
public record FillCalculator(SlippageModel slippage, BigDecimal commission) {

    public Optional<Fill> fill(PaperOrder order, Quote quote) {
        BigDecimal reference = order.side() == OrderSide.BUY ? quote.ask() : quote.bid();
        if (order.type() == OrderType.LIMIT && !marketable(order.side(), order.limitPrice(), reference)) {
            return Optional.empty();
        }
        BigDecimal notional = order.qty() != null ? order.qty().multiply(reference) : order.notional();
        BigDecimal price = slippage.slip(order.side(), reference, notional);
        if (order.type() == OrderType.LIMIT) {
            price = order.side() == OrderSide.BUY ? price.min(order.limitPrice()) : price.max(order.limitPrice());
        }
        // A notional order gets as much as the notional pays for at the fill price, rounded down.
        BigDecimal qty = order.qty() != null ? order.qty() : notional.divide(price, Decimals.QTY_SCALE, RoundingMode.DOWN);
        if (qty.signum() <= 0) {
            return Optional.empty();
        }
        BigDecimal perUnit = price.subtract(reference).abs();
        BigDecimal bps = perUnit.multiply(SlippageModel.BPS).divide(reference, 4, RoundingMode.HALF_EVEN);
        return Optional.of(new Fill(qty, price, reference, perUnit, bps, commission));
    }

    /** A buy limit trades once the ask is at or below it, a sell limit once the bid is at or above it. */
    public static boolean marketable(OrderSide side, BigDecimal limit, BigDecimal reference) {
        return side == OrderSide.BUY ? reference.compareTo(limit) <= 0 : reference.compareTo(limit) >= 0;
    }
}

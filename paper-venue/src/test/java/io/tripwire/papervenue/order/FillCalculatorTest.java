package io.tripwire.papervenue.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.tripwire.papervenue.market.Quote;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FillCalculatorTest {

    private static final Quote QUOTE = new Quote("AAPL", new BigDecimal("100.00"), new BigDecimal("99.99"),
            new BigDecimal("100.01"), Instant.EPOCH);
    private final FillCalculator calculator = new FillCalculator(
            new SlippageModel(new BigDecimal("5"), new BigDecimal("10000"), new BigDecimal("100")), BigDecimal.ZERO);

    @Test
    void marketBuyFillsAboveTheAskByTheSlippage() {
        Fill fill = calculator.fill(order(OrderSide.BUY, OrderType.MARKET, "10", null, null), QUOTE).orElseThrow();
        assertThat(fill.referencePrice()).isEqualByComparingTo("100.01");
        assertThat(fill.price()).isGreaterThan(QUOTE.ask());
        assertThat(fill.slippage()).isEqualByComparingTo(fill.price().subtract(QUOTE.ask()));
        assertThat(fill.slippageBps()).isBetween(new BigDecimal("5"), new BigDecimal("100"));
        assertThat(fill.qty()).isEqualByComparingTo("10");
    }

    @Test
    void marketSellFillsBelowTheBid() {
        Fill fill = calculator.fill(order(OrderSide.SELL, OrderType.MARKET, "10", null, null), QUOTE).orElseThrow();
        assertThat(fill.referencePrice()).isEqualByComparingTo("99.99");
        assertThat(fill.price()).isLessThan(QUOTE.bid());
    }

    @Test
    void buyLimitBelowTheAskDoesNotTrade() {
        assertThat(calculator.fill(order(OrderSide.BUY, OrderType.LIMIT, "10", null, "100.00"), QUOTE)).isEmpty();
    }

    @Test
    void buyLimitAtTheAskTradesAtTheLimitOrBetter() {
        Fill fill = calculator.fill(order(OrderSide.BUY, OrderType.LIMIT, "10", null, "100.01"), QUOTE).orElseThrow();
        assertThat(fill.price()).isLessThanOrEqualTo(new BigDecimal("100.01"));
    }

    @Test
    void sellLimitTradesOnlyWhenTheBidReachesItAndNeverBelowIt() {
        assertThat(calculator.fill(order(OrderSide.SELL, OrderType.LIMIT, "10", null, "100.00"), QUOTE)).isEmpty();
        Fill fill = calculator.fill(order(OrderSide.SELL, OrderType.LIMIT, "10", null, "99.98"), QUOTE).orElseThrow();
        assertThat(fill.price()).isGreaterThanOrEqualTo(new BigDecimal("99.98")).isLessThan(QUOTE.bid());
    }

    @Test
    void notionalOrderBuysWhatTheNotionalPaysForAtTheFillPrice() {
        Fill fill = calculator.fill(order(OrderSide.BUY, OrderType.MARKET, null, "1000", null), QUOTE).orElseThrow();
        assertThat(fill.qty().multiply(fill.price())).isLessThanOrEqualTo(new BigDecimal("1000"))
                .isGreaterThan(new BigDecimal("999.99"));
    }

    @Test
    void commissionIsCarriedOnTheFill() {
        FillCalculator withCommission = new FillCalculator(
                new SlippageModel(new BigDecimal("5"), new BigDecimal("10000"), new BigDecimal("100")), new BigDecimal("1.5"));
        Optional<Fill> fill = withCommission.fill(order(OrderSide.BUY, OrderType.MARKET, "1", null, null), QUOTE);
        assertThat(fill.orElseThrow().commission()).isEqualByComparingTo("1.5");
    }

    private static PaperOrder order(OrderSide side, OrderType type, String qty, String notional, String limit) {
        PlaceOrder command = new PlaceOrder("c-1", "AAPL", side, type, TimeInForce.GTC, qty == null ? null : new BigDecimal(qty),
                notional == null ? null : new BigDecimal(notional), limit == null ? null : new BigDecimal(limit));
        return PaperOrder.accepted(UUID.randomUUID(), command, OrderStatus.NEW, Instant.EPOCH);
    }
}

package io.tripwire.papervenue.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlippageModelTest {

    private final SlippageModel seed004 = new SlippageModel(new BigDecimal("5"), new BigDecimal("10000"), new BigDecimal("100"));

    @Test
    void smallOrdersPayTheBaseFiveBasisPoints() {
        assertThat(seed004.bps(new BigDecimal("100"))).isEqualByComparingTo("5.01");
        assertThat(seed004.bps(BigDecimal.ZERO)).isEqualByComparingTo("5");
    }

    @Test
    void sizeAddsOneBasisPointPerTenThousandDollars() {
        assertThat(seed004.bps(new BigDecimal("250000"))).isEqualByComparingTo("30");
    }

    @Test
    void slippageIsCappedAtOneHundredBasisPoints() {
        assertThat(seed004.bps(new BigDecimal("950000"))).isEqualByComparingTo("100");
        assertThat(seed004.bps(new BigDecimal("5000000000"))).isEqualByComparingTo("100");
    }

    @Test
    void buysSlipUpAndSellsSlipDown() {
        BigDecimal reference = new BigDecimal("100.00");
        assertThat(seed004.slip(OrderSide.BUY, reference, new BigDecimal("1000"))).isEqualByComparingTo("100.051");
        assertThat(seed004.slip(OrderSide.SELL, reference, new BigDecimal("1000"))).isEqualByComparingTo("99.949");
    }

    @ParameterizedTest
    @CsvSource({"0.01,1", "0.37,1000000", "3.33,33333333", "60000.01,90000000", "189.57,12345678.9"})
    void slippedPriceIsAlwaysAdverseAndNeverBeyondTheCap(String price, String notional) {
        BigDecimal reference = new BigDecimal(price);
        BigDecimal cap = reference.multiply(new BigDecimal("0.01"));
        BigDecimal buy = seed004.slip(OrderSide.BUY, reference, new BigDecimal(notional));
        BigDecimal sell = seed004.slip(OrderSide.SELL, reference, new BigDecimal(notional));
        assertThat(buy).isGreaterThan(reference).isLessThanOrEqualTo(reference.add(cap));
        assertThat(sell).isLessThan(reference).isGreaterThanOrEqualTo(reference.subtract(cap));
    }

    @Test
    void aCapBelowTheBaseIsRefused() {
        assertThatThrownBy(() -> new SlippageModel(new BigDecimal("5"), new BigDecimal("10000"), new BigDecimal("1")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

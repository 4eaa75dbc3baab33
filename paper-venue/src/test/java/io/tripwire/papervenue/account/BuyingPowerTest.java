package io.tripwire.papervenue.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class BuyingPowerTest {

    @Test
    void buyingPowerIsCashWithoutOrdersOrShorts() {
        assertThat(BuyingPower.of(new BigDecimal("1000"), BigDecimal.ZERO, BigDecimal.ZERO)).isEqualByComparingTo("1000");
    }

    @Test
    void restingBuysAndShortsReduceBuyingPower() {
        // cash 1500 includes 500 of short proceeds; the short also needs 500 of collateral
        assertThat(BuyingPower.of(new BigDecimal("1500"), new BigDecimal("200"), new BigDecimal("-500")))
                .isEqualByComparingTo("300");
    }

    @Test
    void buyingPowerNeverGoesNegative() {
        assertThat(BuyingPower.of(new BigDecimal("100"), new BigDecimal("500"), BigDecimal.ZERO)).isZero();
    }

    @Test
    void closingOrdersNeedNoBuyingPowerAndOnlyTheExcessAddsRisk() {
        assertThat(BuyingPower.riskIncreasingQty(new BigDecimal("10"), new BigDecimal("-4"))).isZero();
        assertThat(BuyingPower.riskIncreasingQty(new BigDecimal("4"), new BigDecimal("-10"))).isEqualByComparingTo("6");
        assertThat(BuyingPower.riskIncreasingQty(new BigDecimal("-3"), new BigDecimal("5"))).isEqualByComparingTo("2");
        assertThat(BuyingPower.riskIncreasingQty(BigDecimal.ZERO, new BigDecimal("-7"))).isEqualByComparingTo("7");
        assertThat(BuyingPower.riskIncreasingQty(new BigDecimal("2"), new BigDecimal("3"))).isEqualByComparingTo("3");
    }
}

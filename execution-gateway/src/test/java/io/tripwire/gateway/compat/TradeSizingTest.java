package io.tripwire.gateway.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class TradeSizingTest {

    @Test
    void theSeedExampleTwoThousandAtConfidencePointNineIsEighteenHundred() {
        assertThat(TradeSizing.size(new BigDecimal("2000"), new BigDecimal("0.9"), new BigDecimal("0.08"), new BigDecimal("0.08")))
                .isEqualByComparingTo("1800.00");
    }

    @Test
    void aSymbolMoreVolatileThanTheTargetIsScaledDown() {
        // 2000 × 0.9 × 0.12 / 0.5 = 432
        assertThat(TradeSizing.size(new BigDecimal("2000"), new BigDecimal("0.9"), new BigDecimal("0.12"), new BigDecimal("0.5")))
                .isEqualByComparingTo("432.00");
    }

    @Test
    void aCalmSymbolIsNeverScaledUp() {
        assertThat(TradeSizing.size(new BigDecimal("1000"), new BigDecimal("1"), new BigDecimal("0.12"), new BigDecimal("0.04")))
                .isEqualByComparingTo("1000.00");
    }

    @Test
    void sizesAreRoundedDownToCents() {
        assertThat(TradeSizing.size(new BigDecimal("10"), new BigDecimal("0.333"), new BigDecimal("0.1"), new BigDecimal("0.1")))
                .isEqualByComparingTo("3.33");
    }
}

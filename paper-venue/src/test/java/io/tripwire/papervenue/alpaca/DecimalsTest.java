package io.tripwire.papervenue.alpaca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DecimalsTest {

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "", " ", "1,5", "0x10", "ten", "1e400", "123456789012345678"})
    void nonFiniteOrAbsurdValuesAreRefusedWith422(String raw) {
        assertThatThrownBy(() -> Decimals.parse("qty", raw))
                .isInstanceOfSatisfying(AlpacaException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.body().code()).isEqualTo(40010001);
                    assertThat(e.getMessage()).startsWith("qty");
                });
    }

    @Test
    void plainAndExponentDecimalsParse() {
        assertThat(Decimals.parse("qty", "1.50")).isEqualByComparingTo("1.5");
        assertThat(Decimals.parse("qty", "1e2")).isEqualByComparingTo("100");
        assertThat(Decimals.parse("qty", null)).isNull();
    }

    @Test
    void wireFormatIsAPlainStringWithoutExponent() {
        assertThat(Decimals.wire(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(Decimals.wire(new BigDecimal("189.66837700"))).isEqualTo("189.668377");
        assertThat(Decimals.wire(null)).isNull();
    }
}

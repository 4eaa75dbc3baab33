package io.tripwire.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tripwire.controlplane.money.Money;
import io.tripwire.controlplane.money.Price;
import io.tripwire.controlplane.money.Quantity;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void quantitiesMustBePositiveAndBounded() {
        assertThat(Quantity.of("1.50000000")).isEqualTo(Quantity.of("1.5"));
        assertThatThrownBy(() -> Quantity.of("0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Quantity.of("-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Quantity.of("0.000000001")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Quantity.of("NaN")).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void moneyArithmeticIsExact() {
        Money sum = Money.usd("0.1").plus(Money.usd("0.2"));
        assertThat(sum).isEqualTo(Money.usd("0.3"));
        assertThat(Money.usd("10").minus(Money.usd("12.5")).isNegative()).isTrue();
        assertThat(Money.notional(Price.of("187.25"), Quantity.of("3"))).isEqualTo(Money.usd("561.75"));
    }

    @Test
    void currenciesDoNotMix() {
        assertThatThrownBy(() -> Money.usd("1").plus(new Money(BigDecimal.ONE, "EUR")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pricesMoveAndCompareInBasisPoints() {
        Price price = Price.of("100");
        assertThat(price.movedByBps(new BigDecimal("5"), 4)).isEqualTo(Price.of("100.05"));
        assertThat(price.movedByBps(new BigDecimal("-100"), 4)).isEqualTo(Price.of("99"));
        assertThat(Price.of("101").bpsFrom(price)).isEqualByComparingTo("100");
    }
}

package io.tripwire.controlplane.money;

import java.math.BigDecimal;
import java.util.Objects;

/** A strictly positive order or position quantity: BigDecimal, at most 8 decimals, never floating point. */
public record Quantity(BigDecimal value) implements Comparable<Quantity> {

    public static final int MAX_SCALE = 8;

    public Quantity {
        Objects.requireNonNull(value, "value");
        if (value.signum() <= 0) {
            throw new IllegalArgumentException("quantity must be > 0: " + value);
        }
        if (value.stripTrailingZeros().scale() > MAX_SCALE) {
            throw new IllegalArgumentException("quantity has more than " + MAX_SCALE + " decimals: " + value);
        }
        value = value.stripTrailingZeros();
    }

    public static Quantity of(String text) {
        return new Quantity(new BigDecimal(text));
    }

    public Quantity plus(Quantity other) {
        return new Quantity(value.add(other.value));
    }

    @Override
    public int compareTo(Quantity other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value.toPlainString();
    }
}

package io.tripwire.controlplane.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/** A strictly positive price per unit, BigDecimal with at most 8 decimals. */
public record Price(BigDecimal value) implements Comparable<Price> {

    public Price {
        Objects.requireNonNull(value, "value");
        if (value.signum() <= 0) {
            throw new IllegalArgumentException("price must be > 0: " + value);
        }
        if (value.stripTrailingZeros().scale() > Quantity.MAX_SCALE) {
            throw new IllegalArgumentException("price has more than " + Quantity.MAX_SCALE + " decimals: " + value);
        }
        value = value.stripTrailingZeros();
    }

    public static Price of(String text) {
        return new Price(new BigDecimal(text));
    }

    /** This price moved by {@code bps} basis points (negative moves down), rounded to {@code scale} decimals. */
    public Price movedByBps(BigDecimal bps, int scale) {
        BigDecimal factor = BigDecimal.ONE.add(bps.movePointLeft(4));
        return new Price(value.multiply(factor).setScale(scale, RoundingMode.HALF_EVEN));
    }

    /** Distance from {@code reference} in basis points (positive when above). */
    public BigDecimal bpsFrom(Price reference) {
        return value.subtract(reference.value).movePointRight(4).divide(reference.value, 4, RoundingMode.HALF_EVEN);
    }

    @Override
    public int compareTo(Price other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value.toPlainString();
    }
}

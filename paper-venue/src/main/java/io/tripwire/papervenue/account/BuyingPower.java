package io.tripwire.papervenue.account;

import io.tripwire.papervenue.position.PositionMath;
import java.math.BigDecimal;

/**
 * The paper account's buying power: a cash account that may also sell short. Cash held back for
 * resting buy limits is not spendable; short-sale proceeds sit in cash but are owed back, and an
 * equal amount is held as collateral (100 % margin), so a short reduces buying power by its value.
 */
public final class BuyingPower {

    private BuyingPower() {
    }

    /** cash − resting buy reserve − 2 × |short market value|, never below zero. */
    public static BigDecimal of(BigDecimal cash, BigDecimal openBuyReserve, BigDecimal shortMarketValue) {
        BigDecimal power = cash.subtract(openBuyReserve).subtract(shortMarketValue.abs().multiply(BigDecimal.TWO));
        return PositionMath.money(power.max(BigDecimal.ZERO));
    }

    /**
     * The part of an order that adds risk, i.e. what is left after it closes the opposite position:
     * selling 10 against a long of 4 opens a short of 6. Closing orders need no buying power.
     *
     * @param positionQty signed position (long > 0)
     * @param signedOrderQty signed order quantity (buy > 0)
     */
    public static BigDecimal riskIncreasingQty(BigDecimal positionQty, BigDecimal signedOrderQty) {
        if (positionQty.signum() == 0 || positionQty.signum() == signedOrderQty.signum()) {
            return signedOrderQty.abs();
        }
        return signedOrderQty.abs().subtract(positionQty.abs()).max(BigDecimal.ZERO);
    }
}

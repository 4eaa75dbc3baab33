package io.tripwire.controlplane.order;

/** Order side. */
public enum Side {
    BUY, SELL;

    public boolean isBuy() {
        return this == BUY;
    }
}

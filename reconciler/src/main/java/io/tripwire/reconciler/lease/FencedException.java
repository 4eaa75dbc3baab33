package io.tripwire.reconciler.lease;

/** A write refused because this instance no longer holds the reconciler lease. */
public class FencedException extends RuntimeException {

    public FencedException(String message) {
        super(message);
    }
}

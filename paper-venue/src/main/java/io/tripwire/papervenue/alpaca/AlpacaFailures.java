package io.tripwire.papervenue.alpaca;

import io.quarkus.logging.Log;
import java.util.function.Function;

/** Turns any unexpected failure on an Alpaca path into Alpaca's 500 body, keeping deliberate refusals. */
public final class AlpacaFailures {

    private AlpacaFailures() {
    }

    /** For {@code uni.onFailure().transform(AlpacaFailures.asAlpaca())}. */
    public static Function<Throwable, Throwable> asAlpaca() {
        return AlpacaFailures::toAlpaca;
    }

    static Throwable toAlpaca(Throwable failure) {
        if (failure instanceof AlpacaException) {
            return failure;
        }
        Log.error("Paper venue request failed", failure);
        return AlpacaException.internal("internal server error");
    }
}

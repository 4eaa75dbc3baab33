package io.tripwire.gateway.breaker;

import java.math.BigDecimal;

/** An automatic trip the evaluator decided on, with the limit and the value that crossed it. */
public record AutoTrip(TripReason reason, String message, BigDecimal threshold, BigDecimal actual) {
}

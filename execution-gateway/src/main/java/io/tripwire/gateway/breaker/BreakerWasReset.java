package io.tripwire.gateway.breaker;

import java.time.Instant;

/** CDI event fired after a successful reset: the operator has declared the conditions normal again. */
public record BreakerWasReset(String actor, Instant at) {
}

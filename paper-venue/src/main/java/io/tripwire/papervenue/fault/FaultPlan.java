package io.tripwire.papervenue.fault;

import java.time.Duration;

/**
 * What the injector decided for one request: delay it, fail it with {@code errorStatus} (0 = no),
 * refuse the order, and/or hold back the answer of an accepted order.
 */
public record FaultPlan(Duration latency, int errorStatus, boolean rejectOrder, boolean holdResponse) {

    public static final FaultPlan NONE = new FaultPlan(Duration.ZERO, 0, false, false);
}

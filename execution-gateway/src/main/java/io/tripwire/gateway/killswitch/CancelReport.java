package io.tripwire.gateway.killswitch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What the cancel-all of an activation did: how many working orders were asked to cancel, or why it
 * failed (the worker retries every second until it succeeds). {@code alreadyDone} when this activation's
 * cancel-all had succeeded before.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CancelReport(Integer requested, String error, boolean alreadyDone) {

    public static CancelReport done(int requested) {
        return new CancelReport(requested, null, false);
    }

    public static CancelReport failed(String error) {
        return new CancelReport(null, error, false);
    }

    public static CancelReport already() {
        return new CancelReport(null, null, true);
    }
}

package io.tripwire.gateway.breaker;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A request to trip the breaker.
 *
 * @param message        what happened, in words (the operator's reason for manual trips)
 * @param thresholdValue the limit that was crossed (automatic trips), else {@code null}
 * @param actualValue    the value that crossed it (automatic trips), else {@code null}
 */
public record TripCommand(TripReason reason, String message, String actor, BigDecimal thresholdValue,
                          BigDecimal actualValue) {

    public TripCommand {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(actor, "actor");
    }

    public static TripCommand manual(TripReason reason, String message, String actor, BigDecimal threshold,
                                     BigDecimal actual) {
        return new TripCommand(reason, message, actor, threshold, actual);
    }

    public static TripCommand automatic(AutoTrip trip) {
        return new TripCommand(trip.reason(), trip.message(), AutoTripMonitor.ACTOR, trip.threshold(), trip.actual());
    }

    /** The trip details stored with the state, the event row and the history entry (no nulls; decimals as text). */
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("message", message);
        details.put("tripped_by", actor);
        if (thresholdValue != null) {
            details.put("threshold_value", thresholdValue.toPlainString());
        }
        if (actualValue != null) {
            details.put("actual_value", actualValue.toPlainString());
        }
        return details;
    }
}

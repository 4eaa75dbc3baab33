package io.tripwire.gateway.breaker;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.Map;

/**
 * One trip in the history (member of the {@code circuit_breaker:history} sorted set, score = trip time
 * in epoch ms): the trip, and once reset, who reset it, when and why.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BreakerHistoryEntry(Instant trippedAt, String reason, String message, String trippedBy,
                                  String thresholdValue, String actualValue, Map<String, Object> details,
                                  Instant resetAt, String resetBy, String resetReason) {

    public static BreakerHistoryEntry tripped(TripCommand command, Instant at) {
        return new BreakerHistoryEntry(at, command.reason().name(), command.message(), command.actor(),
                plain(command.thresholdValue()), plain(command.actualValue()), command.details(), null, null, null);
    }

    public BreakerHistoryEntry withReset(Instant at, String by, String why) {
        return new BreakerHistoryEntry(trippedAt, reason, message, trippedBy, thresholdValue, actualValue, details, at,
                by, why);
    }

    private static String plain(java.math.BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }
}

package io.tripwire.alert.channel;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/** An Events API v2 event: trigger (with payload) or resolve, correlated by {@code dedup_key}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PagerDutyEvent(String routingKey, String eventAction, String dedupKey, Payload payload) {

    /** Trigger payload; summary at most 1024 characters (PagerDuty's limit). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Payload(String summary, String source, String severity, String timestamp, Map<String, Object> customDetails) {
    }
}

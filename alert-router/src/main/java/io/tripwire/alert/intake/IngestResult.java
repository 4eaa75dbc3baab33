package io.tripwire.alert.intake;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What became of one received alert: {@code stored} (new alert, deliveries created), {@code duplicate} (an open
 * alert with the key exists within the window: counted, not sent again), {@code resolved} (closed an open alert,
 * resolve notes created), {@code unparsable} (stored with raw fields, deliveries poisoned), {@code already_stored}
 * (a stream entry re-read after a crash).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record IngestResult(String outcome, Long alertId, int deliveries) {

    public static final String ALREADY_STORED = "already_stored";
}

package io.tripwire.alert.sink;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * One message delivered to the sink: one JSON line of the sink file and one entry of the inbox.
 *
 * @param id         {@code <delivery id>-<attempt>}, also the delivery's provider_ref ({@code sink:<id>})
 * @param kind       {@code trigger} or {@code resolve}
 * @param provider   the provider it would have gone to when live
 * @param reason     why it went to the sink
 * @param subject    the words a person reads (same text as the providers get)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SinkMessage(String id, Instant deliveredAt, long deliveryId, long alertId, String channel, String recipient,
                          String kind, String severity, String source, String dedupKey, String subject, String body,
                          Instant alertCreatedAt, int attempt, String provider, String reason) {
}

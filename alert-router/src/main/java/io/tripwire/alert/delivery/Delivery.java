package io.tripwire.alert.delivery;

import io.tripwire.alert.routing.Channel;
import io.tripwire.controlplane.alert.Severity;
import java.time.Instant;

/**
 * A delivery claimed by this instance ({@code in_progress}), with what its sender needs of the alert.
 * {@code claimedAt} fences the row: an update only lands while the row is still this claim.
 *
 * @param attempt     this attempt's number (retry_count after the claim)
 * @param requeuedAt  when an operator last put it back to pending (the SMS TTL counts from then), or null
 */
public record Delivery(long id, long alertId, Channel channel, String recipient, boolean resolve, Severity severity,
                       String dedupKey, int attempt, Instant requeuedAt, Instant claimedAt, String source, String summary,
                       String detailsJson, Instant alertCreatedAt) {

    /** The moment the SMS TTL and the latency metric count from: the alert's creation, or a manual re-queue. */
    public Instant ttlBasis() {
        return requeuedAt != null && requeuedAt.isAfter(alertCreatedAt) ? requeuedAt : alertCreatedAt;
    }

    /** The recipient with all but its last 4 characters masked, for logs. */
    public String recipientMasked() {
        return recipient.length() <= 4 ? "****" : "***" + recipient.substring(recipient.length() - 4);
    }
}

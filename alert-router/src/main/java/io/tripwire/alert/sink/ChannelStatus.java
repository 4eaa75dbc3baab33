package io.tripwire.alert.sink;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * Where one channel delivers, as logged at start-up and answered by {@code GET /api/v1/channels}.
 *
 * @param mode            configured {@code alert.<channel>.mode}: auto, live or sink
 * @param destination     {@code live} or {@code sink} for the channel's default credential
 * @param provider        provider host of a live channel, else null
 * @param sinkFile        the sink file (absolute)
 * @param reason          why this destination
 * @param sinkRecipients  named recipients (Slack webhooks, PagerDuty services) that go to the sink although the
 *                        channel is live, because their own credential is a placeholder
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ChannelStatus(String channel, String mode, String destination, String provider, String sinkFile,
                            String reason, List<String> sinkRecipients) {

    public ChannelStatus {
        sinkRecipients = List.copyOf(sinkRecipients);
    }

    /** One log / summary line: {@code slack: live → slack.com} or {@code sms: sink → /path (reason)}. */
    public String line() {
        String where = "live".equals(destination) ? "live → " + provider : "sink → " + sinkFile;
        String extra = sinkRecipients.isEmpty() ? "" : "; to the sink: " + String.join(", ", sinkRecipients);
        return channel + ": " + where + " (mode " + mode + ", " + reason + extra + ")";
    }
}

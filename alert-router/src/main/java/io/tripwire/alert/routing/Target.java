package io.tripwire.alert.routing;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One place an alert is sent: a channel and a recipient in that channel's terms: an email address; a Slack
 * channel ({@code #name} or id, via chat.postMessage) or {@code webhook:NAME} (a configured incoming webhook);
 * an E.164 phone number; a PagerDuty service name whose routing key is configured.
 */
public record Target(Channel channel, String recipient) {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,190}\\.[A-Za-z]{2,}");
    private static final Pattern SLACK = Pattern.compile("(#[a-z0-9._-]{1,80}|[CGD][A-Z0-9]{6,20}|webhook:[A-Za-z0-9._-]{1,64})");
    private static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern SERVICE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public Target {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(recipient, "recipient");
    }

    /** Parses {@code channel:recipient}; empty when the channel is unknown or the recipient malformed for it. */
    public static Optional<Target> parse(String spec) {
        if (spec == null) {
            return Optional.empty();
        }
        int colon = spec.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        return of(spec.substring(0, colon).trim(), spec.substring(colon + 1).trim());
    }

    /** Validates a channel name and recipient; empty when either is invalid. */
    public static Optional<Target> of(String channel, String recipient) {
        return Channel.fromWire(channel).filter(c -> recipient != null && valid(c, recipient))
                .map(c -> new Target(c, recipient));
    }

    static boolean valid(Channel channel, String recipient) {
        Pattern pattern = switch (channel) {
            case EMAIL -> EMAIL;
            case SLACK -> SLACK;
            case SMS -> PHONE;
            case PAGERDUTY -> SERVICE;
        };
        return pattern.matcher(recipient).matches();
    }

    @Override
    public String toString() {
        return channel.wire() + ":" + recipient;
    }
}

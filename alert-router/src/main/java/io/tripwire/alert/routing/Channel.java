package io.tripwire.alert.routing;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A way to reach a person; {@link #wire()} is the name stored in {@code alert_deliveries.channel} and metric tags. */
public enum Channel {
    EMAIL, SLACK, SMS, PAGERDUTY;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Channel> fromWire(String value) {
        return Arrays.stream(values()).filter(c -> c.wire().equals(value)).findFirst();
    }
}

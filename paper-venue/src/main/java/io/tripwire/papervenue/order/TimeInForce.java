package io.tripwire.papervenue.order;

import java.util.Arrays;
import java.util.Optional;

/**
 * Supported times in force. DAY expires at the end of the UTC day (the simulated market never
 * closes), GTC rests until filled or canceled, IOC fills at once or is canceled.
 */
public enum TimeInForce {
    DAY, GTC, IOC;

    public String wire() {
        return name().toLowerCase();
    }

    public static Optional<TimeInForce> fromWire(String value) {
        return Arrays.stream(values()).filter(t -> t.wire().equals(value)).findFirst();
    }
}

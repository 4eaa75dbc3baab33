package io.tripwire.controlplane.alert;

import java.util.List;

/** Dedup keys of alerts that another service resolves: the one that raises and the one that clears must agree. */
public final class AlertKeys {

    /** A breaker trip by the gateway (manual or automatic). */
    public static final String BREAKER_TRIPPED = "circuit-breaker-tripped";
    /** A breaker trip by the reconciler on a position mismatch. */
    public static final String POSITION_MISMATCH = "reconciler:position-mismatch";
    /** Every alert a breaker reset resolves: whoever tripped it, the reset is the all-clear. */
    public static final List<String> BREAKER_TRIPS = List.of(BREAKER_TRIPPED, POSITION_MISMATCH);

    private AlertKeys() {
    }
}

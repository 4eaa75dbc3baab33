package io.tripwire.gateway.breaker;

import io.tripwire.controlplane.state.BreakerState;
import io.tripwire.controlplane.state.ControlRead;
import io.tripwire.controlplane.state.StateCodec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a 423 CIRCUIT_BREAKER_TRIPPED body says about the trip ({@code details}): reason, tripped_at,
 * tripped_by and the trip's own message, so a refused client (or the operator reading its log) can explain
 * the halt without a second call.
 */
public final class TripDetails {

    private TripDetails() {
    }

    public static Map<String, Object> of(BreakerState state) {
        Map<String, Object> details = new LinkedHashMap<>();
        Map<String, Object> trip = state.tripDetails() == null ? Map.of() : state.tripDetails();
        put(details, "reason", state.tripReason());
        put(details, "tripped_at", state.trippedAt() == null ? null : state.trippedAt().toString());
        put(details, "tripped_by", trip.getOrDefault("tripped_by", trip.get("actor")));
        put(details, "message", trip.get("message"));
        return Map.copyOf(details);
    }

    /** From the raw {@code circuit_breaker:state} value; empty when it cannot be read (the refusal stands). */
    public static Map<String, Object> fromRaw(String raw) {
        return StateCodec.decode(raw, BreakerState.class) instanceof ControlRead.Present<BreakerState>(BreakerState s)
                ? of(s) : Map.of();
    }

    private static void put(Map<String, Object> details, String name, Object value) {
        if (value != null) {
            details.put(name, value);
        }
    }
}

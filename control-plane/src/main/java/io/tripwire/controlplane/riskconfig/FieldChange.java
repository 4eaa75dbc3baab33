package io.tripwire.controlplane.riskconfig;

/**
 * One field whose effective value a change moves: {@code old} → {@code new}; {@code tighter} when the new
 * value is the safer one (a lower cap, a higher confidence threshold, a longer quiet period).
 */
public record FieldChange(String field, String oldValue, String newValue, boolean oldIsDefault, boolean newIsDefault,
                          boolean tighter) {

    public String direction() {
        return tighter ? "tighter" : "looser";
    }
}

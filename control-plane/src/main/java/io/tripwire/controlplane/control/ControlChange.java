package io.tripwire.controlplane.control;

import io.tripwire.controlplane.state.ControlValue;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A requested change of one control key.
 *
 * @param transition computes the next value from the current, most restrictive one ({@code null} =
 *                   nothing set); returning the current value unchanged makes the change a no-op;
 *                   returning {@code null} clears the key
 */
public record ControlChange<T extends ControlValue>(
        ControlKey<T> key,
        Safety safety,
        String action,
        String actor,
        String reason,
        Map<String, Object> details,
        UnaryOperator<T> transition) {

    public ControlChange {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(safety, "safety");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(transition, "transition");
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}

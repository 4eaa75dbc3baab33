package io.tripwire.controlplane.control;

import io.tripwire.controlplane.state.ControlValue;
import java.util.Set;

/**
 * What a control change did.
 *
 * @param value     the value now in force ({@code null} = cleared)
 * @param changed   false when the change was a no-op (e.g. a trip while already tripped)
 * @param confirmed the stores that confirmed the write; a missing one is being repaired in the background
 */
public record ControlWriteResult<T extends ControlValue>(T value, boolean changed, Set<Store> confirmed) {
    public ControlWriteResult {
        confirmed = Set.copyOf(confirmed);
    }

    public boolean fullyConfirmed() {
        return confirmed.containsAll(Set.of(Store.REDIS, Store.POSTGRES));
    }
}

package io.tripwire.controlplane.state;

import java.time.Instant;
import java.util.Objects;

/** Value of {@code reconciliation:state} (DESIGN.md §3). */
public record ReconciliationState(ReconciliationStatus state, String runId, Instant startedAt, Instant finishedAt) {
    public ReconciliationState {
        Objects.requireNonNull(state, "state");
    }
}

package io.tripwire.controlplane.state;

import java.util.Objects;

/**
 * A quarantine on {@code quarantine:{strategy|*}:{SYMBOL}}. In Redis the value is the plain reason;
 * in PostgreSQL it is stored with its version. A lifted quarantine is an absent value.
 */
public record QuarantineState(String reason, long version) implements ControlValue {
    public QuarantineState {
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public int restrictiveness() {
        return 1;
    }

    @Override
    public QuarantineState withVersion(long newVersion) {
        return new QuarantineState(reason, newVersion);
    }
}

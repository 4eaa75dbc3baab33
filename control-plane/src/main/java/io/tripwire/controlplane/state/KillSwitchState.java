package io.tripwire.controlplane.state;

import java.time.Instant;

/** Value of {@code kill_switch:state} (DESIGN.md §3). Latched until explicitly deactivated. */
public record KillSwitchState(
        boolean active,
        KillSwitchMode mode,
        String reason,
        String activatedBy,
        Instant activatedAt,
        long version) implements ControlValue {

    public KillSwitchState {
        if (active && mode == null) {
            throw new IllegalArgumentException("an active kill switch needs a mode");
        }
    }

    public static KillSwitchState initial() {
        return new KillSwitchState(false, null, null, null, null, 1);
    }

    public KillSwitchState activated(KillSwitchMode newMode, String newReason, String by, Instant at) {
        return new KillSwitchState(true, newMode, newReason, by, at, version);
    }

    public KillSwitchState deactivated() {
        return new KillSwitchState(false, null, null, null, null, version);
    }

    @Override
    public int restrictiveness() {
        if (!active) {
            return 0;
        }
        return mode == KillSwitchMode.CLOSE_POSITIONS ? 2 : 1;
    }

    @Override
    public KillSwitchState withVersion(long newVersion) {
        return new KillSwitchState(active, mode, reason, activatedBy, activatedAt, newVersion);
    }
}

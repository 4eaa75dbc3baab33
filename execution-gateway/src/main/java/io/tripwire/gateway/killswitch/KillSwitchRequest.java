package io.tripwire.gateway.killswitch;

import io.tripwire.controlplane.state.KillSwitchMode;

/** {@code POST /api/kill-switch} ({@code mode} HALT_ONLY or CLOSE_POSITIONS) and, with only a reason, {@code DELETE}. */
public record KillSwitchRequest(KillSwitchMode mode, String reason) {
}

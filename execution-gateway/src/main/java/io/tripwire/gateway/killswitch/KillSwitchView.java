package io.tripwire.gateway.killswitch;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.tripwire.controlplane.state.ControlRead;
import io.tripwire.controlplane.state.KillSwitchState;
import java.time.Instant;

/**
 * The kill switch as the API shows it. {@code available} false when {@code kill_switch:state} cannot be
 * read (no order is admitted then). {@code flat} only for CLOSE_POSITIONS: whether this gateway saw the
 * venue report flat.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record KillSwitchView(boolean available, String unavailableReason, Boolean active, String mode, String reason,
                             String activatedBy, Instant activatedAt, Long version, Boolean flat) {

    public static KillSwitchView of(ControlRead<KillSwitchState> read, KillSwitchWorker worker) {
        if (read instanceof ControlRead.Present<KillSwitchState>(KillSwitchState s)) {
            return of(s, worker);
        }
        var unavailable = (ControlRead.Unavailable<KillSwitchState>) read;
        return new KillSwitchView(false, unavailable.cause() + ": " + unavailable.detail(), null, null, null, null, null,
                null, null);
    }

    public static KillSwitchView of(KillSwitchState s, KillSwitchWorker worker) {
        Boolean flat = s.active() && s.mode() == io.tripwire.controlplane.state.KillSwitchMode.CLOSE_POSITIONS
                ? worker.isFlat(s) : null;
        return new KillSwitchView(true, null, s.active(), s.mode() == null ? null : s.mode().name(), s.reason(),
                s.activatedBy(), s.activatedAt(), s.version(), flat);
    }
}

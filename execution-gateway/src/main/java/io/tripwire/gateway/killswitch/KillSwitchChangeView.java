package io.tripwire.gateway.killswitch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The answer to an activation or deactivation: whether it changed anything (an activation while already
 * active in the same or a stronger mode does not), which stores confirmed it, the switch now, and for an
 * activation what its cancel-all did.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KillSwitchChangeView(boolean changed, List<String> confirmed, KillSwitchView killSwitch,
                                   CancelReport cancel) {
}

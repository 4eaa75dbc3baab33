package io.tripwire.gateway.breaker;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.tripwire.controlplane.control.ControlWriteResult;
import io.tripwire.controlplane.control.Store;
import io.tripwire.controlplane.state.BreakerState;
import java.time.Instant;
import java.util.List;

/**
 * The answer to a trip or reset: whether it changed anything ({@code false} for a trip while already
 * TRIPPED), which stores confirmed the write (a missing one is repaired in the background and alerted),
 * and the breaker now.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record BreakerChangeView(boolean changed, List<String> confirmed, BreakerView breaker) {

    public static BreakerChangeView of(ControlWriteResult<BreakerState> result, Instant now, BreakerMetrics metrics) {
        List<String> stores = result.confirmed().stream().map(Store::name).sorted().toList();
        return new BreakerChangeView(result.changed(), stores, BreakerView.of(result.value(), now, metrics));
    }
}

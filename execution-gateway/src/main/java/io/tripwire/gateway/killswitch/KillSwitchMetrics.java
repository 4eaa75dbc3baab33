package io.tripwire.gateway.killswitch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tripwire.controlplane.state.KillSwitchMode;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@code kill_switch_activations_total{mode}} (escalations count under their new mode). The state gauge
 * {@code kill_switch_active} lives with the breaker's probe.
 */
@Startup // the meters exist from the start, at zero, not from the first activation
@ApplicationScoped
public class KillSwitchMetrics {

    private final Map<KillSwitchMode, Counter> activations = new EnumMap<>(KillSwitchMode.class);

    public KillSwitchMetrics(MeterRegistry registry) {
        for (KillSwitchMode mode : KillSwitchMode.values()) {
            activations.put(mode, Counter.builder("kill_switch_activations").description("Kill switch activations by mode")
                    .tag("mode", mode.name()).register(registry));
        }
    }

    public void activated(KillSwitchMode mode) {
        activations.get(mode).increment();
    }
}

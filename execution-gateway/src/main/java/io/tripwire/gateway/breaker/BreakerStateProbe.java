package io.tripwire.gateway.breaker;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.control.ControlStateReader;
import io.tripwire.controlplane.state.BreakerState;
import io.tripwire.controlplane.state.BreakerStatus;
import io.tripwire.controlplane.state.ControlRead;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/** Reads {@code circuit_breaker:state} and {@code kill_switch:state} every second for the gauges and {@link RecentTrip}. */
@ApplicationScoped
public class BreakerStateProbe {

    private final ControlStateReader reader;
    private final BreakerMetrics metrics;
    private final RecentTrip recentTrip;
    private final Clock clock;

    public BreakerStateProbe(ControlStateReader reader, BreakerMetrics metrics, RecentTrip recentTrip, Clock clock) {
        this.reader = reader;
        this.metrics = metrics;
        this.recentTrip = recentTrip;
        this.clock = clock;
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "breaker-state-probe")
    Uni<Void> probe() {
        // The reader never fails: an unreadable key is an Unavailable value, which leaves the age growing.
        long readStarted = recentTrip.readStarted();
        return Uni.combine().all().unis(reader.breaker(), reader.killSwitch()).asTuple()
                .invoke(both -> {
                    if (!both.getItem1().isPresent()) {
                        Log.debugf("breaker state probe: %s", both.getItem1());
                    }
                    metrics.observe(both.getItem1(), both.getItem2(), clock.instant());
                    if (both.getItem1() instanceof ControlRead.Present<BreakerState>(BreakerState state)) {
                        if (state.state() == BreakerStatus.TRIPPED) {
                            recentTrip.sawTripped(readStarted, TripDetails.of(state));
                        } else {
                            recentTrip.sawNotTripped();
                        }
                    }
                })
                .replaceWithVoid();
    }
}

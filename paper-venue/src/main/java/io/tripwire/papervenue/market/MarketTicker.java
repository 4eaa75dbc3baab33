package io.tripwire.papervenue.market;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tripwire.papervenue.PaperVenueConfig;
import jakarta.enterprise.context.ApplicationScoped;

/** Scheduler trigger of {@link TickCycle}, every {@code paper-venue.tick-interval} unless auto-tick is off. */
@ApplicationScoped
public class MarketTicker {

    private final TickCycle cycle;
    private final MarketSimulator simulator;
    private final PaperVenueConfig config;

    public MarketTicker(TickCycle cycle, MarketSimulator simulator, PaperVenueConfig config) {
        this.cycle = cycle;
        this.simulator = simulator;
        this.config = config;
    }

    @Scheduled(every = "${paper-venue.tick-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "paper-venue-tick")
    Uni<Void> tick() {
        // The scheduler starts with the application, possibly before the start-up restore of the walk is done.
        if (!config.autoTick() || !simulator.restored()) {
            return Uni.createFrom().voidItem();
        }
        return cycle.run().replaceWithVoid()
                .onFailure().invoke(e -> Log.errorf(e, "Paper market tick failed"))
                .onFailure().recoverWithNull();
    }
}

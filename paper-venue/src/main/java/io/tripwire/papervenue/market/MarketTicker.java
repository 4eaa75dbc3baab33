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
    private final PaperVenueConfig config;

    public MarketTicker(TickCycle cycle, PaperVenueConfig config) {
        this.cycle = cycle;
        this.config = config;
    }

    @Scheduled(every = "${paper-venue.tick-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "paper-venue-tick")
    Uni<Void> tick() {
        if (!config.autoTick()) {
            return Uni.createFrom().voidItem();
        }
        return cycle.run().replaceWithVoid()
                .onFailure().invoke(e -> Log.errorf(e, "Paper market tick failed"))
                .onFailure().recoverWithNull();
    }
}

package io.tripwire.papervenue.market;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.tripwire.papervenue.order.RestingOrderMatcher;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * One simulated tick, in order: advance and persist the walk, publish market data, then let resting
 * orders trade against the new quotes. A Redis outage does not stop fills: PostgreSQL is the truth.
 */
@ApplicationScoped
public class TickCycle {

    private final MarketSimulator simulator;
    private final MarketDataPublisher publisher;
    private final RestingOrderMatcher matcher;

    public TickCycle(MarketSimulator simulator, MarketDataPublisher publisher, RestingOrderMatcher matcher) {
        this.simulator = simulator;
        this.publisher = publisher;
        this.matcher = matcher;
    }

    /** Runs one tick; the item is the tick's result (quotes, bars). */
    public Uni<MarketSimulator.TickResult> run() {
        return simulator.advance()
                .call(tick -> publisher.publish(tick.quotes(), tick.bars())
                        .onFailure().invoke(e -> Log.warnf("Market data not published to Redis: %s", e.getMessage()))
                        .onFailure().recoverWithNull())
                .call(tick -> matcher.onTick(tick.at()));
    }
}

package io.tripwire.alert.delivery;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tripwire.alert.config.AlertRouterConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;

/**
 * The scheduled side of delivery: every {@code alert.sweep-interval} it returns orphaned in_progress rows (their
 * worker died, e.g. kill -9) to the queue and claims every due row — new, retried, throttled, or put back to
 * 'pending' by an operator's SQL.
 */
@ApplicationScoped
public class DeliverySweeper {

    private final DeliveryRepository repository;
    private final DeliveryDispatcher dispatcher;
    private final AlertRouterConfig config;
    private final Clock clock;

    public DeliverySweeper(DeliveryRepository repository, DeliveryDispatcher dispatcher, AlertRouterConfig config, Clock clock) {
        this.repository = repository;
        this.dispatcher = dispatcher;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${alert.sweep-interval:1s}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "alert-delivery-sweep")
    Uni<Void> sweep() {
        Instant now = clock.instant();
        return repository.reclaimStuck(now.minus(config.delivery().stuckAfter()), now)
                .invoke(n -> {
                    if (n > 0) {
                        Log.warnf("%d in_progress deliveries older than %s reclaimed (worker presumed dead)", n,
                                config.delivery().stuckAfter());
                    }
                })
                .onFailure().invoke(e -> Log.warnf("reclaim failed: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .invoke(dispatcher::wake)
                .replaceWithVoid();
    }

    void stop(@Observes ShutdownEvent event) {
        dispatcher.stop();
    }
}

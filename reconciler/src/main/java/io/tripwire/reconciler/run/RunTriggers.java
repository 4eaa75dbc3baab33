package io.tripwire.reconciler.run;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tripwire.reconciler.config.ReconcilerConfig;
import io.tripwire.reconciler.lease.ReconcilerLease;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;

/** When runs happen: at start-up, every {@code reconciler.interval}, and the frequent control-state check. */
@ApplicationScoped
public class RunTriggers {

    private final ReconciliationRunner runner;
    private final ControlStateWatch watch;
    private final ReconcilerLease lease;
    private final ReconcilerConfig config;

    public RunTriggers(ReconciliationRunner runner, ControlStateWatch watch, ReconcilerLease lease, ReconcilerConfig config) {
        this.runner = runner;
        this.watch = watch;
        this.lease = lease;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.runAtStartup()) {
            watch.background("STARTUP");
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        // Shutdown only (not a request path): hand the lease over now rather than after its TTL.
        lease.release().await().atMost(Duration.ofSeconds(3));
        Log.info("Reconciler lease released");
    }

    @Scheduled(every = "${reconciler.interval}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "reconcile-periodic")
    Uni<Void> periodic() {
        return lease.current() == null ? Uni.createFrom().voidItem()
                : runner.run("PERIODIC").replaceWithVoid().onFailure().recoverWithNull();
    }

    @Scheduled(every = "${reconciler.control-state-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "reconcile-control-state")
    Uni<Void> controlState() {
        return watch.tick();
    }
}

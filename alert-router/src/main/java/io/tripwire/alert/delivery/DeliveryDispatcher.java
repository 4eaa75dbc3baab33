package io.tripwire.alert.delivery;

import io.quarkus.logging.Log;
import io.tripwire.alert.config.AlertRouterConfig;
import io.tripwire.controlplane.heartbeat.InstanceId;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps up to {@code alert.delivery.workers} deliveries in flight on this instance. {@link #wake()} claims as many
 * due rows as there are free slots; it is called by the sweeper (every {@code alert.sweep-interval}), after every
 * intake commit and whenever a worker finishes, so new alerts go out at once and re-queued rows within a sweep.
 */
@ApplicationScoped
public class DeliveryDispatcher {

    private final DeliveryRepository repository;
    private final DeliveryWorker worker;
    private final Clock clock;
    private final String instance;
    private final int workers;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean claiming = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopped;

    public DeliveryDispatcher(DeliveryRepository repository, DeliveryWorker worker, Clock clock, InstanceId instance,
                              AlertRouterConfig config) {
        this.repository = repository;
        this.worker = worker;
        this.clock = clock;
        this.instance = instance.value();
        this.workers = config.delivery().workers();
    }

    public void wake() {
        if (stopped) {
            return;
        }
        if (!claiming.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        int free = workers - inFlight.get();
        if (free <= 0) {
            claiming.set(false);
            return;
        }
        repository.claim(free, instance, clock.instant().truncatedTo(ChronoUnit.MICROS)).subscribe().with(claimed -> {
            claimed.forEach(this::run);
            claiming.set(false);
            if (claimed.size() == free || again.get()) {
                wake();
            }
        }, failure -> {
            claiming.set(false);
            Log.warnf("claiming deliveries failed (retried at the next sweep): %s", failure.getMessage());
        });
    }

    /** Deliveries being sent by this instance now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Stops claiming (shutdown); in-flight attempts finish or are reclaimed after a crash. */
    public void stop() {
        stopped = true;
    }

    private void run(Delivery d) {
        inFlight.incrementAndGet();
        worker.process(d).onFailure().invoke(e -> Log.errorf(e, "delivery %d: outcome not recorded (reclaimed later)", d.id()))
                .onTermination().invoke(() -> {
                    inFlight.decrementAndGet();
                    if (inFlight.get() <= workers / 2) {
                        wake();
                    }
                })
                .subscribe().with(ok -> { }, e -> { });
    }
}

package io.tripwire.healthmonitor.poll;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tripwire.healthmonitor.alert.HealthAlerts;
import io.tripwire.healthmonitor.check.Checks;
import io.tripwire.healthmonitor.check.ComponentCheck;
import io.tripwire.healthmonitor.config.HealthMonitorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Polls every component every {@code health-monitor.poll-interval}, all in parallel. A check that fails or has
 * not completed within {@code health-monitor.check-deadline} is a failed poll (the last known status turns stale);
 * completed checks update the status and feed the health alerts.
 */
@ApplicationScoped
public class Poller {

    private final Checks checks;
    private final HealthBook book;
    private final HealthAlerts alerts;
    private final Duration deadline;
    private final Clock clock;

    public Poller(Checks checks, HealthBook book, HealthAlerts alerts, HealthMonitorConfig config, Clock clock) {
        this.checks = checks;
        this.book = book;
        this.alerts = alerts;
        this.deadline = config.checkDeadline();
        this.clock = clock;
    }

    @Scheduled(every = "${health-monitor.poll-interval:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "health-poll")
    public Uni<Void> poll() {
        List<Uni<PollOutcome>> runs = checks.all().stream().map(this::run).toList();
        return Uni.join().all(runs).andFailFast()
                .invoke(outcomes -> outcomes.forEach(book::record))
                .chain(alerts::onPoll)
                .onFailure().invoke(e -> Log.warnf(e, "health poll did not finish"))
                .onFailure().recoverWithNull();
    }

    private Uni<PollOutcome> run(ComponentCheck check) {
        return Uni.createFrom().deferred(check::check)
                .ifNoItem().after(deadline).failWith(() -> new TimeoutException("check did not complete within "
                        + deadline.toMillis() + " ms"))
                .map(observation -> new PollOutcome(check.name(), observation, null, clock.instant()))
                .onFailure().recoverWithItem(e -> {
                    Log.debugf("health check %s could not complete: %s", check.name(), e.toString());
                    return new PollOutcome(check.name(), null, describe(e), clock.instant());
                });
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e instanceof TimeoutException ? message
                : "check failed: " + e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}

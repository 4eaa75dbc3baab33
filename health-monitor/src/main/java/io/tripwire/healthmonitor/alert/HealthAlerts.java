package io.tripwire.healthmonitor.alert;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.alert.Alert;
import io.tripwire.controlplane.alert.AlertPublisher;
import io.tripwire.controlplane.alert.Severity;
import io.tripwire.healthmonitor.config.HealthMonitorConfig;
import io.tripwire.healthmonitor.poll.PollOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Health alerts through the alert router: published on {@code alerts:stream} (AlertPublisher) with dedup key
 * {@code health:<component>}, raised and resolved with {@link Hysteresis}. An alert that could not be queued is
 * tried again at the next poll.
 */
@ApplicationScoped
public class HealthAlerts {

    public static final String SOURCE = "health-monitor";

    private final AlertPublisher publisher;
    private final HealthMonitorConfig.Alerts config;
    private final Hysteresis hysteresis;
    private final Clock clock;

    public HealthAlerts(AlertPublisher publisher, HealthMonitorConfig config, Clock clock) {
        this.publisher = publisher;
        this.config = config.alerts();
        this.hysteresis = new Hysteresis(this.config.raiseAfter(), this.config.resolveAfter());
        this.clock = clock;
    }

    public static String dedupKey(String component) {
        return "health:" + component;
    }

    /** Feeds one poll's completed checks in; completes once every alert it decided on was handed over. */
    public Uni<Void> onPoll(List<PollOutcome> outcomes) {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> sends = new ArrayList<>();
        for (PollOutcome outcome : outcomes) {
            if (!outcome.completed()) {
                continue;
            }
            Hysteresis.Decision decision = hysteresis.observe(outcome.component(), outcome.observation().status());
            if (decision != Hysteresis.Decision.NONE) {
                sends.add(send(outcome, decision));
            }
        }
        return sends.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(sends).andCollectFailures().replaceWithVoid();
    }

    public boolean open(String component) {
        return hysteresis.open(component);
    }

    private Uni<Void> send(PollOutcome outcome, Hysteresis.Decision decision) {
        String component = outcome.component();
        boolean resolved = decision == Hysteresis.Decision.RESOLVE;
        Severity severity = config.critical().contains(component) ? Severity.CRITICAL : Severity.WARNING;
        String summary = resolved ? component + " is healthy again: " + outcome.observation().message()
                : component + " is UNHEALTHY (" + config.raiseAfter() + " polls in a row): " + outcome.observation().message();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("component", component);
        details.put("status", outcome.observation().status().name());
        details.put("message", outcome.observation().message());
        details.put("checked_at", outcome.at().toString());
        if (outcome.observation().latencyMs() != null) {
            details.put("latency_ms", outcome.observation().latencyMs());
        }
        Alert alert = new Alert(severity, SOURCE, summary, details, dedupKey(component), resolved, clock.instant());
        return publisher.publish(alert).invoke(id -> {
            if (id == null) {
                hysteresis.undo(component, decision);
            } else {
                Log.infof("health alert %s %s (%s)", resolved ? "resolved" : "raised", dedupKey(component), id);
            }
        }).replaceWithVoid();
    }
}

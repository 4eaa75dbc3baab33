package io.tripwire.healthmonitor.poll;

import io.tripwire.healthmonitor.check.Checks;
import io.tripwire.healthmonitor.check.ComponentCheck;
import io.tripwire.healthmonitor.config.HealthMonitorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The last known state of every component, in memory (UNKNOWN until its first completed check). */
@ApplicationScoped
public class HealthBook {

    private final List<String> order;
    private final ConcurrentMap<String, ComponentState> states = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration staleAfter;

    public HealthBook(Checks checks, Clock clock, HealthMonitorConfig config) {
        this.order = checks.all().stream().map(ComponentCheck::name).toList();
        checks.all().forEach(c -> states.put(c.name(), ComponentState.unknown(c.name(), c.kind())));
        this.clock = clock;
        this.staleAfter = config.staleAfter();
    }

    void record(PollOutcome outcome) {
        states.computeIfPresent(outcome.component(), (name, state) -> outcome.completed()
                ? state.checked(outcome.observation(), outcome.at())
                : state.failed(outcome.error(), outcome.at()));
    }

    /** Every component in polling order. */
    public List<ComponentState> all() {
        return order.stream().map(states::get).toList();
    }

    public Optional<ComponentState> get(String name) {
        return Optional.ofNullable(states.get(name));
    }

    public List<String> names() {
        return order;
    }

    public Instant now() {
        return clock.instant();
    }

    public Duration staleAfter() {
        return staleAfter;
    }
}

package io.tripwire.healthmonitor.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.tripwire.healthmonitor.poll.ComponentState;
import io.tripwire.healthmonitor.poll.HealthBook;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.function.ToDoubleFunction;

/**
 * Gauges per component, read from the health book at scrape time: {@code health_component_status} (0 healthy,
 * 1 degraded, 2 unhealthy, 3 unknown or stale), {@code health_component_latency_seconds} (last probe) and
 * {@code health_component_age_seconds} (age of the status shown); NaN where there is no value yet.
 */
@ApplicationScoped
public class HealthGauges {

    private final HealthBook book;
    private final MeterRegistry registry;

    public HealthGauges(HealthBook book, MeterRegistry registry) {
        this.book = book;
        this.registry = registry;
    }

    void register(@Observes StartupEvent event) {
        for (String name : book.names()) {
            gauge("health_component_status", "0 healthy, 1 degraded, 2 unhealthy, 3 unknown or stale", name,
                    s -> s.metricValue(book.now(), book.staleAfter()));
            gauge("health_component_latency_seconds", "latency of the component's last probe", name,
                    s -> s.latencyMs() == null ? Double.NaN : s.latencyMs() / 1000.0);
            gauge("health_component_age_seconds", "age of the component's status shown", name,
                    s -> s.ageMs(book.now()) == null ? Double.NaN : s.ageMs(book.now()) / 1000.0);
        }
    }

    private void gauge(String metric, String description, String component, ToDoubleFunction<ComponentState> value) {
        Gauge.builder(metric, book, b -> b.get(component).map(value::applyAsDouble).orElse(Double.NaN))
                .description(description).tag("component", component).strongReference(true).register(registry);
    }
}

package io.tripwire.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's metric names (DESIGN.md §7) in one place. Tags stay low-cardinality: outcome and
 * reject code, never order ids.
 */
@ApplicationScoped
public class GatewayMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> orders = new ConcurrentHashMap<>();
    private final Map<String, Timer> requests = new ConcurrentHashMap<>();

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** {@code execution_gateway_orders_total{status,reason}}: status ACCEPTED, DUPLICATE or REJECTED. */
    public void order(String status, String reason) {
        orders.computeIfAbsent(status + "/" + reason, k -> Counter.builder("execution_gateway_orders")
                .description("Order decisions by outcome and reject reason")
                .tag("status", status).tag("reason", reason).register(registry)).increment();
    }

    /** {@code execution_gateway_request_duration_seconds{endpoint,outcome}}. */
    public void request(String endpoint, String outcome, long nanos) {
        requests.computeIfAbsent(endpoint + "/" + outcome, k -> Timer.builder("execution_gateway_request_duration")
                .description("Gateway API request duration")
                .tag("endpoint", endpoint).tag("outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry)).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    public MeterRegistry registry() {
        return registry;
    }
}

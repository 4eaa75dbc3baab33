package io.tripwire.alert.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tripwire.alert.routing.Channel;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The router's metrics (Prometheus names): alert_delivery_latency_seconds{channel} (alert created → provider
 * accepted, buckets 0.05 s … 300 s), alert_delivery_attempts_total{channel,outcome}, alert_poison_queue_size,
 * alert_queue_depth, alert_intake_total{outcome}, alert_intake_rejected_total{intake,reason},
 * alert_throttle_total{channel,limit_type}, alert_expired_total{channel}, alert_escalations_total{channel}.
 */
@ApplicationScoped
public class AlertMetrics {

    private static final Duration[] BUCKETS = {Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
        Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(300)};

    private final MeterRegistry registry;
    private final AtomicLong poison = new AtomicLong();
    private final AtomicLong depth = new AtomicLong();
    private final AtomicLong backlog = new AtomicLong();

    public AlertMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("alert.poison.queue.size", poison);
        registry.gauge("alert.queue.depth", depth);
        registry.gauge("alert.intake.backlog", backlog);
        for (Channel channel : Channel.values()) {
            latency(channel);
            for (String outcome : new String[] {"delivered", "retry", "permanent", "poison"}) {
                attempts(channel, outcome);
            }
        }
    }

    public void delivered(Channel channel, Duration sinceCreated) {
        latency(channel).record(sinceCreated.isNegative() ? Duration.ZERO : sinceCreated);
    }

    /** outcome: delivered, retry (retryable failure, will try again), permanent, poison (attempts used up). */
    public void attempt(Channel channel, String outcome) {
        attempts(channel, outcome).increment();
    }

    public void intake(String outcome) {
        registry.counter("alert.intake", "outcome", outcome).increment();
    }

    public void intakeRejected(String intake, String reason) {
        registry.counter("alert.intake.rejected", "intake", intake, "reason", reason).increment();
    }

    public void throttled(Channel channel, String limitType) {
        registry.counter("alert.throttle", "channel", channel.wire(), "limit_type", limitType).increment();
    }

    public void expired(Channel channel) {
        registry.counter("alert.expired", "channel", channel.wire()).increment();
    }

    public void escalated(String toChannel) {
        registry.counter("alert.escalations", "channel", toChannel).increment();
    }

    public void poisonQueueSize(long size) {
        poison.set(size);
    }

    public void queueDepth(long size) {
        depth.set(size);
    }

    public void intakeBacklog(long entries) {
        backlog.set(entries);
    }

    private Timer latency(Channel channel) {
        return Timer.builder("alert.delivery.latency").description("Alert created to provider accepted")
                .tag("channel", channel.wire()).serviceLevelObjectives(BUCKETS)
                .minimumExpectedValue(Duration.ofMillis(50)).maximumExpectedValue(Duration.ofSeconds(300)).register(registry);
    }

    private Counter attempts(Channel channel, String outcome) {
        return registry.counter("alert.delivery.attempts", "channel", channel.wire(), "outcome", outcome);
    }
}

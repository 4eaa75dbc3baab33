package io.tripwire.controlplane.alert;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.audit.SecretRedactor;
import io.tripwire.controlplane.keys.RedisKeys;
import io.tripwire.controlplane.state.StateCodec;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;

/**
 * Hands alerts to the alert router through the {@code alerts:stream} Redis stream (XADD). When Redis
 * itself is the problem the alert is logged at ERROR so it still reaches the log pipeline.
 */
@ApplicationScoped
public class AlertPublisher {

    private final ReactiveStreamCommands<String, String, String> streams;
    private final RedisKeys keys;

    public AlertPublisher(ReactiveRedisDataSource redis, RedisKeys keys) {
        this.streams = redis.stream(String.class);
        this.keys = keys;
    }

    /** Publishes; completes with the stream entry id, or {@code null} when Redis refused it (logged). */
    public Uni<String> publish(Alert alert) {
        Map<String, String> fields = Map.of(
                "severity", alert.severity().name(),
                "source", alert.source(),
                "summary", SecretRedactor.redact(alert.summary()),
                "details", SecretRedactor.redact(StateCodec.encode(alert.details())),
                "dedup_key", alert.dedupKey(),
                "status", alert.resolved() ? "resolved" : "firing",
                "created_at", alert.createdAt().toString());
        return streams.xadd(keys.alertsStream(), fields)
                .ifNoItem().after(Duration.ofSeconds(2)).fail()
                .onFailure().recoverWithItem(e -> {
                    Log.errorf("ALERT NOT QUEUED (%s) [%s] %s: %s", e.getMessage(), alert.severity(),
                            alert.dedupKey(), alert.summary());
                    return null;
                });
    }
}

package io.tripwire.controlplane.heartbeat;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.config.ControlPlaneConfig;
import io.tripwire.controlplane.keys.RedisKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Writes {@code heartbeat:{service}:{instance}} with a TTL so the health monitor sees this process alive. */
@ApplicationScoped
public class Heartbeats {

    private final ReactiveValueCommands<String, String> values;
    private final String key;
    private final ControlPlaneConfig config;
    private final Clock clock;

    public Heartbeats(ReactiveRedisDataSource redis, RedisKeys keys, ControlPlaneConfig config, Clock clock,
                      @ConfigProperty(name = "quarkus.application.name") String service, InstanceId instance) {
        this.values = redis.value(String.class);
        this.key = keys.heartbeat(service, instance.value());
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${tripwire.heartbeat.interval:5s}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "heartbeat")
    Uni<Void> beat() {
        return values.setex(key, config.heartbeat().ttl().toSeconds(), clock.instant().toString())
                .onFailure().invoke(e -> Log.debugf("heartbeat not written: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }
}

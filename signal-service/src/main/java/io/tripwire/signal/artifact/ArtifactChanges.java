package io.tripwire.signal.artifact;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.keys.RedisKeys;
import io.tripwire.controlplane.state.StateCodec;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;

/**
 * The pub/sub channel {@code artifacts:changed}: after every committed state change (approve, activate,
 * deprecate, revoke, rollback) a message {@code {artifact_id, state, action}} is published, and every
 * replica reloads its models from PostgreSQL when it hears one.
 */
@ApplicationScoped
public class ArtifactChanges {

    /** Channel name without prefix ({@link RedisKeys#ARTIFACTS_CHANGED}). */
    public static final String CHANNEL = RedisKeys.ARTIFACTS_CHANGED;

    private final ReactiveRedisDataSource redis;
    private final String channel;

    public ArtifactChanges(ReactiveRedisDataSource redis, RedisKeys keys) {
        this.redis = redis;
        this.channel = keys.artifactsChangedChannel();
    }

    public String channel() {
        return channel;
    }

    /** Publishes; a failure is logged and swallowed (the periodic reload still picks the change up). */
    public Uni<Void> published(String artifactId, String state, String action) {
        String message = StateCodec.encode(Map.of("artifact_id", artifactId, "state", state, "action", action));
        return redis.pubsub(String.class).publish(channel, message)
                .ifNoItem().after(Duration.ofSeconds(2)).fail()
                .onFailure().invoke(e -> Log.warnf("cannot publish %s on %s (replicas reload within the refresh interval): %s",
                        action, channel, e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}

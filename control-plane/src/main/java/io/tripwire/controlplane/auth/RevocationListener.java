package io.tripwire.controlplane.auth;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.tripwire.controlplane.keys.RedisKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Subscribes to {@code apikeys:revoked} so a revoked or rotated key leaves this replica's cache at once. */
@ApplicationScoped
public class RevocationListener {

    private final ReactiveRedisDataSource redis;
    private final RedisKeys keys;
    private final ApiKeyIdentityProvider provider;

    public RevocationListener(ReactiveRedisDataSource redis, RedisKeys keys, ApiKeyIdentityProvider provider) {
        this.redis = redis;
        this.keys = keys;
        this.provider = provider;
    }

    void onStart(@Observes StartupEvent event) {
        redis.pubsub(String.class)
                .subscribe(keys.apiKeysRevokedChannel(), prefix -> provider.forget(prefix).subscribe()
                        .with(ok -> Log.infof("API key %s dropped from cache", prefix)))
                .subscribe().with(
                        subscriber -> Log.debugf("listening on %s", keys.apiKeysRevokedChannel()),
                        e -> Log.warnf("cannot subscribe to %s (cache TTL still bounds revocation): %s",
                                keys.apiKeysRevokedChannel(), e.getMessage()));
    }
}

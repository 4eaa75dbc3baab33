package io.tripwire.gateway.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.tripwire.controlplane.testing.SpareRedis;
import java.util.Map;

/** Runs the gateway against a throw-away redis-server that a test can stop and start. */
public class SpareRedisProfile implements QuarkusTestProfile {

    public static final SpareRedis REDIS = SpareRedis.shared("gateway").start();

    @Override
    public Map<String, String> getConfigOverrides() {
        // The %test-prefixed key too: a profile-specific property wins over an unprefixed override.
        return Map.of("quarkus.redis.hosts", REDIS.url(), "%test.quarkus.redis.hosts", REDIS.url(),
                "quarkus.redis.timeout", "1s");
    }
}

package io.tripwire.healthmonitor.check;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.keys.RedisKeys;
import io.tripwire.healthmonitor.config.HealthMonitorConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Heartbeats ({@code heartbeat:{service}:{instance}}, written with a TTL by every service): live instances per
 * service. A polled service with no live heartbeat is DEGRADED (its HTTP check says whether it serves). Needs
 * Redis: when the keys cannot be read the check fails, so the last view is shown stale.
 */
final class HeartbeatCheck implements ComponentCheck {

    private final ReactiveRedisDataSource redis;
    private final RedisKeys keys;
    private final Set<String> expected;
    private final HealthMonitorConfig config;

    HeartbeatCheck(ReactiveRedisDataSource redis, RedisKeys keys, Set<String> expected, HealthMonitorConfig config) {
        this.redis = redis;
        this.keys = keys;
        this.expected = Set.copyOf(expected);
        this.config = config;
    }

    @Override
    public String name() {
        return "heartbeats";
    }

    @Override
    public String kind() {
        return "heartbeats";
    }

    @Override
    public Uni<Observation> check() {
        return redis.key(String.class).scan(new KeyScanArgs().match(keys.heartbeatPattern()).count(500))
                .toMulti().collect().asList()
                .ifNoItem().after(config.timeout()).fail()
                .map(this::verdict);
    }

    private Observation verdict(List<String> heartbeatKeys) {
        Map<String, List<String>> instances = new TreeMap<>();
        String prefix = keys.heartbeatPattern().substring(0, keys.heartbeatPattern().length() - 1);
        for (String key : heartbeatKeys) {
            String rest = key.substring(prefix.length());
            int colon = rest.indexOf(':');
            if (colon > 0) {
                instances.computeIfAbsent(rest.substring(0, colon), s -> new ArrayList<>()).add(rest.substring(colon + 1));
            }
        }
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(instances.keySet());
        if (missing.isEmpty()) {
            return new Observation(ComponentStatus.HEALTHY, null, heartbeatKeys.size() + " live instances of "
                    + instances.size() + " services", Map.of("instances", instances));
        }
        return new Observation(ComponentStatus.DEGRADED, null, "no heartbeat from " + String.join(", ", missing),
                Map.of("instances", instances, "missing", List.copyOf(missing)));
    }
}

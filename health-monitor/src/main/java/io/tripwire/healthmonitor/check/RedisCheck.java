package io.tripwire.healthmonitor.check;

import io.smallrye.mutiny.Uni;
import io.tripwire.healthmonitor.config.HealthMonitorConfig;
import io.vertx.mutiny.redis.client.RedisAPI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Redis server: timed PING, then INFO memory (used_memory vs maxmemory). Refused or no answer in time is
 * UNHEALTHY; a slow PING or memory near maxmemory is DEGRADED (UNHEALTHY at the unhealthy ratio).
 */
final class RedisCheck implements ComponentCheck {

    private final String name;
    private final RedisAPI redis;
    private final HealthMonitorConfig config;

    RedisCheck(String name, RedisAPI redis, HealthMonitorConfig config) {
        this.name = name;
        this.redis = redis;
        this.config = config;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String kind() {
        return "redis";
    }

    @Override
    public Uni<Observation> check() {
        long start = System.nanoTime();
        return redis.ping(List.of()).ifNoItem().after(config.timeout()).fail()
                .chain(pong -> {
                    long latencyMs = (System.nanoTime() - start) / 1_000_000;
                    return redis.info(List.of("memory")).ifNoItem().after(config.timeout()).fail()
                            .map(info -> verdict(latencyMs, String.valueOf(info)));
                })
                .onFailure().recoverWithItem(e -> Observation.of(ComponentStatus.UNHEALTHY, null,
                        "unreachable: " + Failures.describe(e, config.timeout())));
    }

    private Observation verdict(long latencyMs, String info) {
        long used = field(info, "used_memory");
        long max = field(info, "maxmemory");
        ComponentStatus memory = Usage.of(used, max, config.usage());
        ComponentStatus status = Observation.slowIsDegraded(memory, latencyMs, config.degradedLatency().toMillis());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("used_memory_bytes", used);
        details.put("maxmemory_bytes", max);
        String message = "PING " + latencyMs + " ms; memory " + used + " B used of "
                + (max <= 0 ? "no maxmemory" : max + " B (" + Usage.percent(used, max) + ")");
        return new Observation(status, latencyMs, message, details);
    }

    /** A numeric field of INFO's "name:value" lines; -1 when absent. */
    static long field(String info, String field) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(field + ":")) {
                try {
                    return Long.parseLong(line.substring(field.length() + 1).trim());
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }
}

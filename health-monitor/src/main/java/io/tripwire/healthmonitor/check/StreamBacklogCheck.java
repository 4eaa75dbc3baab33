package io.tripwire.healthmonitor.check;

import io.smallrye.mutiny.Uni;
import io.tripwire.healthmonitor.config.HealthMonitorConfig;
import io.vertx.mutiny.redis.client.RedisAPI;
import io.vertx.mutiny.redis.client.Response;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Backlog of one Redis stream (XINFO GROUPS): per consumer group, entries delivered but not acknowledged
 * (pending) plus entries not yet delivered (lag). The worst group decides. Needs Redis: when Redis cannot be
 * read the check fails, so the last backlog is shown stale (seed 003: queue depth requires Redis connectivity).
 */
final class StreamBacklogCheck implements ComponentCheck {

    private final String stream;
    private final String key;
    private final RedisAPI redis;
    private final HealthMonitorConfig config;

    StreamBacklogCheck(String stream, String key, RedisAPI redis, HealthMonitorConfig config) {
        this.stream = stream;
        this.key = key;
        this.redis = redis;
        this.config = config;
    }

    @Override
    public String name() {
        return "stream:" + stream;
    }

    @Override
    public String kind() {
        return "stream";
    }

    @Override
    public Uni<Observation> check() {
        return redis.xinfo(List.of("GROUPS", key)).ifNoItem().after(config.timeout()).fail()
                .map(this::verdict)
                .onFailure(e -> String.valueOf(e.getMessage()).contains("no such key"))
                .recoverWithItem(() -> Observation.of(ComponentStatus.HEALTHY, null, "stream not created yet"));
    }

    private Observation verdict(Response groups) {
        Map<String, Object> backlogs = new LinkedHashMap<>();
        long worst = 0;
        String worstGroup = null;
        for (int i = 0; i < groups.size(); i++) {
            Map<String, Response> group = fields(groups.get(i));
            long backlog = number(group.get("pending")) + number(group.get("lag"));
            String name = String.valueOf(group.get("name"));
            backlogs.put(name, Map.of("pending", number(group.get("pending")), "lag", number(group.get("lag")),
                    "consumers", number(group.get("consumers"))));
            if (worstGroup == null || backlog > worst) {
                worst = backlog;
                worstGroup = name;
            }
        }
        var thresholds = config.backlog();
        ComponentStatus status = Usage.above(worst, thresholds.degradedAbove(), thresholds.unhealthyAbove());
        String message = worstGroup == null ? "no consumer group"
                : "backlog " + worst + " (worst group " + worstGroup + ", " + groups.size() + " groups)";
        return new Observation(status, null, message, Map.of("backlog", worst, "groups", backlogs));
    }

    /** XINFO's field/value pairs, whether Redis answered a RESP3 map or a RESP2 flat array. */
    static Map<String, Response> fields(Response entry) {
        Map<String, Response> fields = new HashMap<>();
        try {
            for (String name : entry.getKeys()) {
                fields.put(name, entry.get(name));
            }
            return fields;
        } catch (RuntimeException notAMap) {
            for (int i = 0; i + 1 < entry.size(); i += 2) {
                fields.put(entry.get(i).toString(), entry.get(i + 1));
            }
            return fields;
        }
    }

    private static long number(Response value) {
        if (value == null) {
            return 0;
        }
        try {
            return value.toLong();
        } catch (RuntimeException e) {
            return 0;
        }
    }
}

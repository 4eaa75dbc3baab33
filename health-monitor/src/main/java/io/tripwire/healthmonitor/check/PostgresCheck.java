package io.tripwire.healthmonitor.check;

import io.smallrye.mutiny.Uni;
import io.tripwire.healthmonitor.config.HealthMonitorConfig;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import java.util.Map;

/**
 * PostgreSQL (this service's pool): timed {@code SELECT 1}, then connections in use vs {@code max_connections}.
 * Refused or no answer in time is UNHEALTHY; slow or near the connection limit is DEGRADED.
 */
final class PostgresCheck implements ComponentCheck {

    private static final String CONNECTIONS = "SELECT (SELECT count(*) FROM pg_stat_activity) AS used, "
            + "current_setting('max_connections')::int AS max";

    private final Pool pool;
    private final HealthMonitorConfig config;

    PostgresCheck(Pool pool, HealthMonitorConfig config) {
        this.pool = pool;
        this.config = config;
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public String kind() {
        return "postgres";
    }

    @Override
    public Uni<Observation> check() {
        long start = System.nanoTime();
        return pool.query("SELECT 1").execute().ifNoItem().after(config.timeout()).fail()
                .chain(one -> {
                    long latencyMs = (System.nanoTime() - start) / 1_000_000;
                    return pool.query(CONNECTIONS).execute().ifNoItem().after(config.timeout()).fail()
                            .map(rows -> verdict(latencyMs, rows.iterator().next()));
                })
                .onFailure().recoverWithItem(e -> Observation.of(ComponentStatus.UNHEALTHY, null,
                        "unreachable: " + Failures.describe(e, config.timeout())));
    }

    private Observation verdict(long latencyMs, Row row) {
        long used = row.getLong("used");
        long max = row.getInteger("max");
        ComponentStatus status = Observation.slowIsDegraded(Usage.of(used, max, config.usage()), latencyMs,
                config.degradedLatency().toMillis());
        String message = "SELECT 1 in " + latencyMs + " ms; " + used + " of " + max + " connections ("
                + Usage.percent(used, max) + ")";
        return new Observation(status, latencyMs, message, Map.of("connections", used, "max_connections", max));
    }
}

package io.tripwire.healthmonitor.check;

import io.smallrye.mutiny.Uni;
import io.tripwire.healthmonitor.config.HealthMonitorConfig;
import io.vertx.mutiny.sqlclient.Pool;
import java.util.Map;

/**
 * The alert poison queue: rows of {@code alert_deliveries} in status 'poison' (seed 003's SLA: target 0, page
 * above 10). It needs PostgreSQL: when the count cannot be read the check fails, so the last count is shown stale.
 */
final class PoisonQueueCheck implements ComponentCheck {

    private static final String COUNT = "SELECT count(*) AS poison FROM alert_deliveries WHERE status = 'poison'";

    private final Pool pool;
    private final HealthMonitorConfig config;

    PoisonQueueCheck(Pool pool, HealthMonitorConfig config) {
        this.pool = pool;
        this.config = config;
    }

    @Override
    public String name() {
        return "poison-queue";
    }

    @Override
    public String kind() {
        return "poison-queue";
    }

    @Override
    public Uni<Observation> check() {
        return pool.query(COUNT).execute().ifNoItem().after(config.timeout()).fail().map(rows -> {
            long poison = rows.iterator().next().getLong("poison");
            var thresholds = config.poisonQueue();
            ComponentStatus status = Usage.above(poison, thresholds.degradedAbove(), thresholds.unhealthyAbove());
            return new Observation(status, null, poison + " deliveries in the poison queue", Map.of("poison", poison));
        });
    }
}

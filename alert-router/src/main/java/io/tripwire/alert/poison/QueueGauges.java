package io.tripwire.alert.poison;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tripwire.alert.delivery.AlertMetrics;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Re-reads the truth behind the gauges from PostgreSQL every 5 s: alert_poison_queue_size = rows in 'poison'
 * (so a SQL re-queue shows at once), alert_queue_depth = rows waiting or being sent (pending, failed, in_progress).
 */
@ApplicationScoped
public class QueueGauges {

    private static final String COUNTS = "SELECT count(*) FILTER (WHERE status = 'poison') AS poison, "
            + "count(*) FILTER (WHERE status IN ('pending', 'failed', 'in_progress')) AS depth "
            + "FROM alert_deliveries WHERE status IN ('poison', 'pending', 'failed', 'in_progress')";

    private final Pool pool;
    private final AlertMetrics metrics;

    public QueueGauges(Pool pool, AlertMetrics metrics) {
        this.pool = pool;
        this.metrics = metrics;
    }

    @Scheduled(every = "${alert.gauge-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "alert-queue-gauges")
    public Uni<Void> refresh() {
        return pool.query(COUNTS).execute().invoke(rows -> {
            var row = rows.iterator().next();
            metrics.poisonQueueSize(row.getLong("poison"));
            metrics.queueDepth(row.getLong("depth"));
        }).onFailure().invoke(e -> Log.debugf("queue gauges not refreshed: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}

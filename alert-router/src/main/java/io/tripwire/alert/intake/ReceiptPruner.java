package io.tripwire.alert.intake;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tripwire.alert.config.AlertRouterConfig;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.ZoneOffset;

/** Deletes stream receipts older than {@code alert.intake.receipt-retention} (an entry is never re-read that late). */
@ApplicationScoped
public class ReceiptPruner {

    private static final String PRUNE = "DELETE FROM alert_stream_receipts WHERE received_at < $1";

    private final Pool pool;
    private final AlertRouterConfig config;
    private final Clock clock;

    public ReceiptPruner(Pool pool, AlertRouterConfig config, Clock clock) {
        this.pool = pool;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "alert-receipt-prune")
    Uni<Void> prune() {
        var before = clock.instant().minus(config.intake().receiptRetention()).atOffset(ZoneOffset.UTC);
        return pool.preparedQuery(PRUNE).execute(Tuple.of(before))
                .invoke(rows -> Log.debugf("%d stream receipts pruned", rows.rowCount()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}

package io.tripwire.alert.poison;

import io.smallrye.mutiny.Uni;
import io.tripwire.alert.delivery.DeliveryDispatcher;
import io.tripwire.controlplane.audit.AuditEntry;
import io.tripwire.controlplane.audit.AuditWriter;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.reject.RejectException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * The API form of seed 003's manual retry: a poison, expired or failed delivery goes back to 'pending' with
 * retry_count 0 (the same UPDATE as the runbook's SQL, so the same trigger makes it due now), audited with the
 * caller and reason in the same transaction; the dispatcher is woken so it goes out at once.
 */
@ApplicationScoped
public class RetryService {

    private static final String MARK = "SELECT set_config('tripwire.audited', 'on', true)";
    private static final String LOCK = "SELECT status FROM alert_deliveries WHERE id = $1 FOR UPDATE";
    private static final String REQUEUE = "UPDATE alert_deliveries SET status = 'pending', retry_count = 0 "
            + "WHERE id = $1 AND status IN ('poison', 'expired', 'failed')";

    private final Pool pool;
    private final AuditWriter audit;
    private final DeliveryQueries queries;
    private final DeliveryDispatcher dispatcher;

    public RetryService(Pool pool, AuditWriter audit, DeliveryQueries queries, DeliveryDispatcher dispatcher) {
        this.pool = pool;
        this.audit = audit;
        this.queries = queries;
        this.dispatcher = dispatcher;
    }

    public Uni<DeliveryView> retry(long id, String actor, String reason) {
        return pool.withTransaction(tx -> tx.query(MARK).execute()
                        .chain(() -> tx.preparedQuery(LOCK).execute(Tuple.of(id)))
                        .chain(rows -> {
                            if (!rows.iterator().hasNext()) {
                                return Uni.createFrom().failure(new RejectException(RejectCode.NOT_FOUND, "no delivery " + id));
                            }
                            String status = rows.iterator().next().getString("status");
                            if (!status.equals("poison") && !status.equals("expired") && !status.equals("failed")) {
                                return Uni.createFrom().failure(new RejectException(RejectCode.STATE_CONFLICT,
                                        "delivery " + id + " is " + status + "; only poison, expired or failed deliveries are retried",
                                        Map.of("status", status)));
                            }
                            return tx.preparedQuery(REQUEUE).execute(Tuple.of(id))
                                    .chain(() -> audit.append(tx, AuditEntry.success(actor, "ALERT_DELIVERY_RETRY", "alert_delivery",
                                            Long.toString(id), reason, Map.of("from_status", status))))
                                    .chain(() -> queries.find(tx, id));
                        }))
                .invoke(dispatcher::wake);
    }
}

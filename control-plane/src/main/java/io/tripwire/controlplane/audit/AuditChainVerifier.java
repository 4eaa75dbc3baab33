package io.tripwire.controlplane.audit;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Walks the audit hash chain and names the first row that was edited, deleted around or forged. */
@ApplicationScoped
public class AuditChainVerifier {

    private final Pool pool;

    public AuditChainVerifier(Pool pool) {
        this.pool = pool;
    }

    /** Empty when the whole chain verifies; otherwise the id of the first broken row. */
    public Uni<Optional<Long>> firstBrokenRow() {
        return pool.query("SELECT audit_log_first_broken()").execute()
                .map(rows -> Optional.ofNullable(rows.iterator().next().getLong(0)));
    }
}

package io.tripwire.console.audit;

import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.audit.AuditChainVerifier;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads of the hash-chained audit_log for Admin → Audit log: filtered pages, the count, the export, the chain check. */
@ApplicationScoped
public class AuditQueries {

    /** One page of rows (newest first) and how many match in all. */
    public record Page(List<AuditRow> rows, long total) {
    }

    /** The chain check: {@code firstBroken} empty when every row verifies; {@code rows} checked. */
    public record Chain(Optional<Long> firstBroken, long rows) {
    }

    private final Pool pool;
    private final AuditChainVerifier verifier;

    public AuditQueries(Pool pool, AuditChainVerifier verifier) {
        this.pool = pool;
        this.verifier = verifier;
    }

    public Uni<Page> page(AuditFilter filter, int size) {
        var params = filter.parameters();
        Uni<Long> total = pool.preparedQuery("SELECT count(*) FROM audit_log" + AuditFilter.WHERE).execute(params)
                .map(rows -> rows.iterator().next().getLong(0));
        Uni<List<AuditRow>> rows = pool.preparedQuery("SELECT " + AuditRow.COLUMNS + " FROM audit_log" + AuditFilter.WHERE
                        + " ORDER BY id DESC LIMIT " + size + " OFFSET " + (long) (filter.page() - 1) * size)
                .execute(filter.parameters()).map(AuditQueries::rows);
        return Uni.combine().all().unis(rows, total).asTuple().map(t -> new Page(t.getItem1(), t.getItem2()));
    }

    /** At most {@code limit} matching rows, newest first. */
    public Uni<List<AuditRow>> export(AuditFilter filter, int limit) {
        return pool.preparedQuery("SELECT " + AuditRow.COLUMNS + " FROM audit_log" + AuditFilter.WHERE
                + " ORDER BY id DESC LIMIT " + limit).execute(filter.parameters()).map(AuditQueries::rows);
    }

    public Uni<Long> count(AuditFilter filter) {
        return pool.preparedQuery("SELECT count(*) FROM audit_log" + AuditFilter.WHERE).execute(filter.parameters())
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** The whole chain verified by PostgreSQL's {@code audit_log_first_broken()} (control-plane's verifier). */
    public Uni<Chain> chain() {
        return verifier.firstBrokenRow().chain(broken -> pool.query("SELECT count(*) FROM audit_log").execute()
                .map(rows -> new Chain(broken, rows.iterator().next().getLong(0))));
    }

    private static List<AuditRow> rows(io.vertx.mutiny.sqlclient.RowSet<Row> set) {
        List<AuditRow> out = new ArrayList<>();
        set.forEach(r -> out.add(AuditRow.from(r)));
        return out;
    }
}

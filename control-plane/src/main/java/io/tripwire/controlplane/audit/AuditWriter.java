package io.tripwire.controlplane.audit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.state.StateCodec;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

/**
 * Appends to the hash-chained {@code audit_log}, inside the caller's transaction so the audit row and
 * the change it records commit together. Secrets are redacted before they reach the row.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup // registers audit_write_latency_seconds at start, before the first write
public class AuditWriter {

    private static final String INSERT = """
            INSERT INTO audit_log (occurred_at, actor, action, resource_type, resource_id, reason, details, outcome)
            VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8) RETURNING id""";

    private final Clock clock;
    private final Pool pool;
    private final Timer latency;

    public AuditWriter(Clock clock, Pool pool, MeterRegistry registry) {
        this.clock = clock;
        this.pool = pool;
        this.latency = Timer.builder("audit.write.latency")
                .description("Time to append one audit_log row")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
    }

    /** Appends in the given transaction; returns the row id. */
    public Uni<Long> append(SqlClient tx, AuditEntry entry) {
        long started = System.nanoTime();
        Tuple row = Tuple.tuple()
                .addOffsetDateTime(clock.instant().atOffset(ZoneOffset.UTC))
                .addString(entry.actor())
                .addString(entry.action())
                .addString(entry.resourceType())
                .addString(entry.resourceId())
                .addString(SecretRedactor.redact(entry.reason()))
                .addString(SecretRedactor.redact(StateCodec.encode(entry.details())))
                .addString(entry.outcome());
        return tx.preparedQuery(INSERT).execute(row)
                .map(rows -> rows.iterator().next().getLong(0))
                .invoke(() -> latency.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS));
    }

    /** Appends in a transaction of its own, for events that change nothing else. */
    public Uni<Long> append(AuditEntry entry) {
        return pool.withTransaction(tx -> append(tx, entry));
    }
}

package io.tripwire.controlplane.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.testing.TestStores;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuditChainTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject AuditWriter audit;
    @Inject AuditChainVerifier verifier;
    @Inject ReactiveRedisDataSource redis;
    @Inject Pool pool;

    @BeforeEach
    void emptyStores() {
        TestStores.clean(redis, pool);
    }

    @Test
    void anIntactChainVerifies() {
        append("first");
        append("second");
        append("third");

        assertThat(verifier.firstBrokenRow().await().atMost(WAIT)).isEmpty();
    }

    @Test
    void anEditedRowIsDetected() {
        append("first");
        long edited = append("second");
        append("third");

        tamper("UPDATE audit_log SET reason = 'nothing happened' WHERE id = " + edited);

        assertThat(verifier.firstBrokenRow().await().atMost(WAIT)).isEqualTo(Optional.of(edited));
    }

    @Test
    void aDeletedRowIsDetectedAtTheRowAfterIt() {
        append("first");
        long deleted = append("second");
        long after = append("third");

        tamper("DELETE FROM audit_log WHERE id = " + deleted);

        assertThat(verifier.firstBrokenRow().await().atMost(WAIT)).isEqualTo(Optional.of(after));
    }

    @Test
    void updatesAndDeletesAreRefusedByTheDatabase() {
        long id = append("first");

        assertThatThrownBy(() -> pool.query("UPDATE audit_log SET reason = 'x' WHERE id = " + id).execute().await().atMost(WAIT))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> pool.query("DELETE FROM audit_log").execute().await().atMost(WAIT))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> pool.query("TRUNCATE audit_log").execute().await().atMost(WAIT))
                .hasMessageContaining("append-only");
    }

    @Test
    void concurrentAppendsStillFormOneValidChain() {
        List<Uni<Long>> writes = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            writes.add(audit.append(AuditEntry.success("writer-" + i, "TEST_EVENT", "test", String.valueOf(i), null, Map.of())));
        }
        Uni.join().all(writes).andFailFast().await().atMost(WAIT);

        assertThat(count()).isEqualTo(40);
        assertThat(verifier.firstBrokenRow().await().atMost(WAIT)).isEmpty();
    }

    @Test
    void secretsAreRedactedBeforeTheyReachTheRow() {
        String key = "twk_abcdefgh_" + "s".repeat(43);
        audit.append(AuditEntry.success("ops", "TEST_EVENT", "test", "1", "used " + key, Map.of("key", key)))
                .await().atMost(WAIT);

        String row = pool.query("SELECT reason || details::text FROM audit_log").execute()
                .map(rows -> rows.iterator().next().getString(0)).await().atMost(WAIT);
        assertThat(row).doesNotContain("s".repeat(43)).contains("twk_abcdefgh_[REDACTED]");
    }

    @Test
    void writeLatencyIsPublishedAsAHistogram() {
        append("measured");

        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("audit_write_latency_seconds_bucket", "audit_write_latency_seconds_count");
    }

    private long append(String reason) {
        return audit.append(AuditEntry.success("ops", "TEST_EVENT", "test", "1", reason, Map.of("n", reason)))
                .await().atMost(WAIT);
    }

    private long count() {
        return pool.query("SELECT count(*) FROM audit_log").execute().map(rows -> rows.iterator().next().getLong(0))
                .await().atMost(WAIT);
    }

    /** What a DBA with superuser rights could do: switch the triggers off and edit history. */
    private void tamper(String sql) {
        pool.withConnection(c -> c.query("SET session_replication_role = replica").execute()
                .chain(() -> c.query(sql).execute())
                .eventually(() -> c.query("SET session_replication_role = origin").execute()))
                .await().atMost(WAIT);
    }
}

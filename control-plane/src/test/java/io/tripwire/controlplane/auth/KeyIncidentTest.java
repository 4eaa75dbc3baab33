package io.tripwire.controlplane.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.reject.RejectException;
import io.tripwire.controlplane.testing.TestStores;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Compromised keys (seed 004): ending a rotation's grace at once, through each of the three incident
 * tools, against real PostgreSQL and Redis. The test profile caches key records for 60 s and every key is
 * used (so cached) before the action: only the apikeys:revoked eviction can make it refused within 1 s.
 */
@QuarkusTest
class KeyIncidentTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject ApiKeyService keys;
    @Inject ApiKeyRepository repository;
    @Inject ReactiveRedisDataSource redis;
    @Inject Pool pool;

    @BeforeEach
    void emptyStores() {
        TestStores.clean(redis, pool);
    }

    @Test
    void revokingTheNewKeyAlsoRefusesTheOldKeyStillInItsGrace() {
        String old = issue("strategy-momentum");
        ApiKeyService.Rotation rotation = keys.rotate(prefix(old), "ops").await().atMost(WAIT);
        String fresh = rotation.replacement().token().reveal();
        assertAccepted(old);
        assertAccepted(fresh);

        Instant revokedAt = Instant.now();
        List<String> revoked = keys.revoke(prefix(fresh), "ops", "key leaked in a chat").await().atMost(WAIT);

        assertThat(revoked).containsExactly(prefix(fresh), prefix(old));
        assertRefusedWithinOneSecond(revokedAt, fresh, old);
        assertRevokedAudit(prefix(fresh), "key leaked in a chat");
        assertRevokedAudit(prefix(old), "key leaked in a chat");
    }

    @Test
    void revokingFollowsAWholeRotationChainButNotTheNewerKeys() {
        String first = issue("desk-alice");
        String second = keys.rotate(prefix(first), "ops").await().atMost(WAIT).replacement().token().reveal();
        String third = keys.rotate(prefix(second), "ops").await().atMost(WAIT).replacement().token().reveal();

        assertThat(keys.revoke(prefix(second), "ops", "second was compromised").await().atMost(WAIT))
                .containsExactly(prefix(second), prefix(first));

        assertAccepted(third);
        assertThat(repository.find(prefix(third)).await().atMost(WAIT).revokedAt()).isNull();
        assertThat(keys.revoke(prefix(third), "ops", "third as well, to be sure").await().atMost(WAIT))
                .containsExactly(prefix(third));
    }

    @Test
    void aPredecessorWhoseGraceIsOverIsLeftAsItWas() {
        String old = issue("desk-bob");
        String fresh = keys.rotate(prefix(old), "ops").await().atMost(WAIT).replacement().token().reveal();
        execute("UPDATE api_keys SET expires_at = now() - interval '1 minute' WHERE key_prefix = $1", prefix(old));

        assertThat(keys.revoke(prefix(fresh), "ops", "only the live one").await().atMost(WAIT)).containsExactly(prefix(fresh));
        assertThat(repository.find(prefix(old)).await().atMost(WAIT).revokedAt()).isNull();
    }

    @Test
    void aRotationWithoutGraceRefusesTheOldKeyAtOnce() {
        String old = issue("strategy-meanrev");
        assertAccepted(old);

        Instant rotatedAt = Instant.now();
        ApiKeyService.Rotation rotation = keys.rotate(prefix(old), "ops", false).await().atMost(WAIT);

        assertThat(rotation.replacedRevoked()).isTrue();
        assertThat(rotation.replacedValidUntil()).isBeforeOrEqualTo(Instant.now());
        assertRefusedWithinOneSecond(rotatedAt, old);
        assertAccepted(rotation.replacement().token().reveal());
        ApiKeyRecord record = repository.find(prefix(old)).await().atMost(WAIT);
        assertThat(record.revokedAt()).isNotNull();
        assertThat(record.replacedBy()).isEqualTo(rotation.replacement().token().prefix());
        assertThat(actions(prefix(old))).contains("API_KEY_ROTATED", "API_KEY_REVOKED");
        assertThat(actions(rotation.replacement().token().prefix())).containsExactly("API_KEY_CREATED");
    }

    @Test
    void aRotationWithGraceKeepsTheOldKeyForTwentyFourHours() {
        String old = issue("strategy-grace");

        ApiKeyService.Rotation rotation = keys.rotate(prefix(old), "ops", true).await().atMost(WAIT);

        assertThat(rotation.replacedRevoked()).isFalse();
        assertThat(Duration.between(Instant.now(), rotation.replacedValidUntil()))
                .isBetween(Duration.ofHours(23), Duration.ofHours(24));
        assertAccepted(old);
    }

    @Test
    void aKeyAlreadyRotatedCannotBeRotatedAgainAndNothingIsIssued() {
        String old = issue("strategy-twice");
        keys.rotate(prefix(old), "ops").await().atMost(WAIT);
        long before = count("SELECT count(*) FROM api_keys");

        assertThatThrownBy(() -> keys.rotate(prefix(old), "ops", false).await().atMost(WAIT))
                .isInstanceOfSatisfying(RejectException.class, e -> assertThat(e.code()).isEqualTo(RejectCode.STATE_CONFLICT));
        assertThat(count("SELECT count(*) FROM api_keys")).isEqualTo(before);
    }

    @Test
    void revokeAllNamedRefusesEveryLiveKeyOfThatHolderAndNoOtherKey() {
        String a = issue("ops-carol");
        String b = issue("ops-carol");
        String inGrace = issue("ops-carol");
        String rotated = keys.rotate(prefix(inGrace), "ops").await().atMost(WAIT).replacement().token().reveal();
        String bystander = issue("ops-dave");
        for (String key : List.of(a, b, inGrace, rotated, bystander)) {
            assertAccepted(key);
        }

        Instant revokedAt = Instant.now();
        List<String> revoked = keys.revokeAllNamed("ops-carol", "ops", "laptop stolen").await().atMost(WAIT);

        assertThat(revoked).containsExactlyInAnyOrder(prefix(a), prefix(b), prefix(inGrace), prefix(rotated));
        assertRefusedWithinOneSecond(revokedAt, a, b, inGrace, rotated);
        assertAccepted(bystander);
        for (String key : List.of(a, b, inGrace, rotated)) {
            assertRevokedAudit(prefix(key), "laptop stolen");
        }
        assertThat(keys.revokeAllNamed("ops-carol", "ops", "again").await().atMost(WAIT)).isEmpty();
    }

    private String issue(String name) {
        return keys.issue(name, Set.of(ApiKeyScope.ORDERS_READ), Duration.ofDays(30), "test").await().atMost(WAIT)
                .token().reveal();
    }

    private static String prefix(String key) {
        return ApiKeyToken.parse(key).orElseThrow().prefix();
    }

    private static void assertAccepted(String key) {
        given().header("X-API-Key", key).get("/api/v1/whoami").then().statusCode(200);
    }

    private static void assertRefusedWithinOneSecond(Instant since, String... refused) {
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            for (String key : refused) {
                given().header("X-API-Key", key).get("/api/v1/whoami").then().statusCode(401);
            }
        });
        assertThat(Duration.between(since, Instant.now())).isLessThan(Duration.ofSeconds(1));
    }

    private void assertRevokedAudit(String prefix, String reason) {
        Row row = pool.preparedQuery("SELECT reason FROM audit_log WHERE action = 'API_KEY_REVOKED' AND resource_id = $1")
                .execute(Tuple.of(prefix)).await().atMost(WAIT).iterator().next();
        assertThat(row.getString("reason")).isEqualTo(reason);
    }

    private List<String> actions(String prefix) {
        List<String> actions = new ArrayList<>();
        pool.preparedQuery("SELECT action FROM audit_log WHERE resource_id = $1 ORDER BY id").execute(Tuple.of(prefix))
                .await().atMost(WAIT).forEach(row -> actions.add(row.getString("action")));
        return actions;
    }

    private void execute(String sql, String arg) {
        pool.preparedQuery(sql).execute(Tuple.of(arg)).await().atMost(WAIT);
    }

    private long count(String sql) {
        return pool.query(sql).execute().await().atMost(WAIT).iterator().next().getLong(0);
    }
}

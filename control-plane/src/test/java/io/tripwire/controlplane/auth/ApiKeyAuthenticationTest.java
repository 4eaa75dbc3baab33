package io.tripwire.controlplane.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.tripwire.controlplane.testing.TestStores;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ApiKeyAuthenticationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject ApiKeyService keys;
    @Inject ApiKeyRepository repository;
    @Inject ApiKeyIdentityProvider provider;
    @Inject ReactiveRedisDataSource redis;
    @Inject Pool pool;

    @BeforeEach
    void emptyStores() {
        TestStores.clean(redis, pool);
    }

    @Test
    void healthAndMetricsAreOpenWithoutAKey() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void everythingElseAnswers401WithTheRejectBodyWithoutAKey() {
        for (String path : new String[] {"/api/v1/whoami", "/q/openapi", "/no/such/path"}) {
            given().get(path).then().statusCode(401)
                    .body("code", equalTo("UNAUTHENTICATED"))
                    .header("WWW-Authenticate", "Bearer");
        }
    }

    @Test
    void aValidKeyIsAcceptedAsBearerOrAsXApiKey() {
        String key = issue(Set.of(ApiKeyScope.ORDERS_READ));

        given().header("Authorization", "Bearer " + key).get("/api/v1/whoami").then().statusCode(200)
                .body("scopes", hasItems("orders:read"));
        given().header("X-API-Key", key).get("/api/v1/whoami").then().statusCode(200);
        given().header("X-API-Key", key).get("/q/openapi").then().statusCode(200);
    }

    @Test
    void malformedUnknownAndWrongSecretKeysAre401() {
        String key = issue(Set.of(ApiKeyScope.ORDERS_READ));
        String wrongSecret = key.substring(0, key.length() - 4) + "AAAA";
        String unknownPrefix = "twk_zzzzzzzz_" + key.substring(13);

        for (String bad : new String[] {"garbage", "twk_abc", wrongSecret, unknownPrefix}) {
            given().header("X-API-Key", bad).get("/api/v1/whoami").then().statusCode(401)
                    .body("code", equalTo("UNAUTHENTICATED"));
        }
    }

    @Test
    void anExpiredKeyIs401() {
        String key = issue(Set.of(ApiKeyScope.ORDERS_READ));
        String prefix = ApiKeyToken.parse(key).orElseThrow().prefix();
        pool.query("UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE key_prefix = '" + prefix + "'")
                .execute().await().atMost(WAIT);
        provider.forget(prefix).await().atMost(WAIT);

        given().header("X-API-Key", key).get("/api/v1/whoami").then().statusCode(401)
                .body("message", equalTo("API key expired"));
    }

    @Test
    void aKeyWithoutTheRequiredScopeIs403() {
        String reader = issue(Set.of(ApiKeyScope.ORDERS_READ));
        String writer = issue(Set.of(ApiKeyScope.ORDERS_WRITE));

        given().header("X-API-Key", reader).post("/test/orders").then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        given().header("X-API-Key", writer).post("/test/orders").then().statusCode(200);
    }

    @Test
    void aRevokedKeyIsRefusedWithinOneSecondThroughPubSubEvenWithACachedRecord() {
        // The test profile caches key records for 60 s, so only the apikeys:revoked message can evict it.
        String key = issue(Set.of(ApiKeyScope.ORDERS_READ));
        given().header("X-API-Key", key).get("/api/v1/whoami").then().statusCode(200);
        String prefix = ApiKeyToken.parse(key).orElseThrow().prefix();

        Instant revokedAt = Instant.now();
        assertThat(keys.revoke(prefix, "ops", "leaked in a ticket").await().atMost(WAIT)).containsExactly(prefix);

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
                given().header("X-API-Key", key).get("/api/v1/whoami").then().statusCode(401));
        assertThat(Duration.between(revokedAt, Instant.now())).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aRotatedKeyKeepsWorkingForTheGracePeriodBesideItsReplacement() {
        String old = issue(Set.of(ApiKeyScope.ORDERS_READ, ApiKeyScope.ORDERS_WRITE));
        String prefix = ApiKeyToken.parse(old).orElseThrow().prefix();

        var rotated = keys.rotate(prefix, "ops").await().atMost(WAIT).replacement();

        given().header("X-API-Key", old).get("/api/v1/whoami").then().statusCode(200);
        given().header("X-API-Key", rotated.token().reveal()).post("/test/orders").then().statusCode(200);
        ApiKeyRecord oldRecord = repository.find(prefix).await().atMost(WAIT);
        assertThat(oldRecord.replacedBy()).isEqualTo(rotated.token().prefix());
        assertThat(Duration.between(Instant.now(), oldRecord.expiresAt()))
                .isBetween(Duration.ofHours(23), Duration.ofHours(24));
        assertThat(rotated.record().scopes()).containsExactlyInAnyOrder("orders:read", "orders:write");
    }

    @Test
    void keysAreStoredOnlyAsSaltedHashesAndTheirChangesAreAudited() {
        String key = issue(Set.of(ApiKeyScope.ORDERS_READ));
        String secret = ApiKeyToken.parse(key).orElseThrow().secret();

        String stored = pool.query("SELECT string_agg(t::text, '|') FROM api_keys t").execute()
                .map(rows -> rows.iterator().next().getString(0)).await().atMost(WAIT);
        String audited = pool.query("SELECT string_agg(a::text, '|') FROM audit_log a").execute()
                .map(rows -> rows.iterator().next().getString(0)).await().atMost(WAIT);
        assertThat(stored).doesNotContain(secret);
        assertThat(audited).contains("API_KEY_CREATED").doesNotContain(secret);
    }

    private String issue(Set<ApiKeyScope> scopes) {
        return keys.issue("test-key", scopes, Duration.ofDays(1), "test").await().atMost(WAIT).token().reveal();
    }
}

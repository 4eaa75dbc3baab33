package io.tripwire.console.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tripwire.controlplane.testing.ServiceProcess;
import io.tripwire.controlplane.testing.TestKeys;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two real instances of the service: a key revoked through one is refused by the other within one
 * second, although each caches key records for 60 s (so only the pub/sub eviction can achieve it). The
 * same holds for the incident tools: revoking a rotation's new key (its old key, still in grace, goes
 * too), a rotation without grace, and revoking every key of one name.
 */
class KeyRevocationAcrossInstancesIT {

    private static final Map<String, String> ENV = Map.of(
            "REDIS_URL", "redis://127.0.0.1:6379/10",
            "PG_URL", TestKeys.TEST_PG_URL,
            "PG_JDBC_URL", TestKeys.TEST_JDBC_URL,
            "TRIPWIRE_AUTH_CACHE_TTL", "60s");

    private static ServiceProcess first;
    private static ServiceProcess second;

    @BeforeAll
    static void twoInstances() {
        Path jar = Path.of(System.getProperty("service.jar"));
        first = ServiceProcess.start("console-a", jar, ENV);
        second = ServiceProcess.start("console-b", jar, ENV);
    }

    @AfterAll
    static void stop() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
    }

    @Test
    void aKeyRevokedOnOneInstanceIsRefusedByTheOtherWithinOneSecond() throws Exception {
        String admin = TestKeys.insertAdminKey("it-admin");
        String created = first.send(HttpRequest.newBuilder(first.url("/api/v1/admin/keys"))
                .header("X-API-Key", admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"doomed\",\"scopes\":[\"orders:read\"]}"))).body();
        Matcher m = Pattern.compile("\"key\":\"(twk_([a-z0-9]{8})_[^\"]+)\"").matcher(created);
        assertThat(m.find()).as(created).isTrue();
        String doomed = m.group(1);
        String prefix = m.group(2);
        assertThat(first.get("/api/v1/whoami", "X-API-Key", doomed)).isEqualTo(200);
        assertThat(second.get("/api/v1/whoami", "X-API-Key", doomed)).isEqualTo(200); // now cached on the second

        var revoke = first.send(HttpRequest.newBuilder(first.url("/api/v1/admin/keys/" + prefix + "/revoke"))
                .header("X-API-Key", admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"leaked in a chat log\"}")));
        Instant revokedAt = Instant.now();
        assertThat(revoke.statusCode()).as(revoke.body()).isEqualTo(200);

        int status = 200;
        while (status == 200 && Duration.between(revokedAt, Instant.now()).toMillis() < 2000) {
            status = second.get("/api/v1/whoami", "X-API-Key", doomed);
        }
        Duration seen = Duration.between(revokedAt, Instant.now());
        assertThat(status).isEqualTo(401);
        assertThat(seen).isLessThan(Duration.ofSeconds(1));
    }
    @Test
    void revokingTheNewKeyRefusesTheOldKeyStillInGraceOnTheOtherInstanceWithinOneSecond() throws Exception {
        String admin = TestKeys.insertAdminKey("it-admin");
        String[] old = create(admin, "grace-holder");
        String[] fresh = rotate(admin, old[1], "");
        usedOnBoth(old[0], fresh[0]);

        var revoke = post(admin, "/api/v1/admin/keys/" + fresh[1] + "/revoke", "{\"reason\":\"new key pasted in a ticket\"}");
        Instant revokedAt = Instant.now();
        assertThat(revoke.statusCode()).as(revoke.body()).isEqualTo(200);
        assertThat(revoke.body()).contains("\"revokedPrefixes\":[\"" + fresh[1] + "\",\"" + old[1] + "\"]");

        assertRefusedOnSecondWithinOneSecond(revokedAt, fresh[0], old[0]);
    }

    @Test
    void aRotationWithoutGraceRefusesTheOldKeyOnTheOtherInstanceWithinOneSecond() throws Exception {
        String admin = TestKeys.insertAdminKey("it-admin");
        String[] old = create(admin, "no-grace-holder");
        usedOnBoth(old[0]);

        Instant rotatedAt = Instant.now();
        String[] fresh = rotate(admin, old[1], "?grace=false");

        assertRefusedOnSecondWithinOneSecond(rotatedAt, old[0]);
        assertThat(second.get("/api/v1/whoami", "X-API-Key", fresh[0])).isEqualTo(200);
    }

    @Test
    void revokeAllOfANameRefusesEveryKeyOfItOnTheOtherInstanceWithinOneSecond() throws Exception {
        String admin = TestKeys.insertAdminKey("it-admin");
        String[] one = create(admin, "stolen-laptop");
        String[] two = create(admin, "stolen-laptop");
        String[] rotated = rotate(admin, two[1], "");
        String[] bystander = create(admin, "other-holder");
        usedOnBoth(one[0], two[0], rotated[0], bystander[0]);

        var revoke = post(admin, "/api/v1/admin/keys/revoke-all",
                "{\"name\":\"stolen-laptop\",\"reason\":\"laptop stolen at the airport\"}");
        Instant revokedAt = Instant.now();
        assertThat(revoke.statusCode()).as(revoke.body()).isEqualTo(200);
        assertThat(revoke.body()).contains(one[1]).contains(two[1]).contains(rotated[1]).doesNotContain(bystander[1]);

        assertRefusedOnSecondWithinOneSecond(revokedAt, one[0], two[0], rotated[0]);
        assertThat(second.get("/api/v1/whoami", "X-API-Key", bystander[0])).isEqualTo(200);
    }

    @Test
    void badInputIsA4xxWithTheRejectBodyNeverA500() throws Exception {
        String admin = TestKeys.insertAdminKey("it-admin");
        String[] key = create(admin, "input-holder");

        assertReject(post(admin, "/api/v1/admin/keys/" + key[1] + "/rotate?grace=maybe", ""), 400, "VALIDATION_FAILED");
        assertReject(post(admin, "/api/v1/admin/keys/revoke-all", "{\"name\":\"input-holder\"}"), 400, "VALIDATION_FAILED");
        assertReject(post(admin, "/api/v1/admin/keys/revoke-all", "{\"name\":\"x\",\"reason\":\"short\"}"), 400,
                "VALIDATION_FAILED");
        assertReject(post(admin, "/api/v1/admin/keys/revoke-all", "not json"), 400, "VALIDATION_FAILED");
        assertReject(post(admin, "/api/v1/admin/keys/revoke-all", "{\"name\":\"nobody-by-this-name\",\"reason\":\"typo in the name\"}"),
                404, "NOT_FOUND");
        assertReject(post(admin, "/api/v1/admin/keys/zzzzzzzz/rotate?grace=false", ""), 404, "NOT_FOUND");
        assertReject(post(admin, "/api/v1/admin/keys/zzzzzzzz/revoke", "{\"reason\":\"no such key at all\"}"), 404, "NOT_FOUND");
        rotate(admin, key[1], "");
        assertReject(post(admin, "/api/v1/admin/keys/" + key[1] + "/rotate", ""), 409, "STATE_CONFLICT");
        String reader = create(admin, "reader-only")[0];
        assertReject(post(reader, "/api/v1/admin/keys/revoke-all", "{\"name\":\"input-holder\",\"reason\":\"not allowed to\"}"),
                403, "FORBIDDEN");
    }

    /** Issues a key with scope orders:read; returns {token, prefix}. */
    private static String[] create(String admin, String name) throws Exception {
        return token(post(admin, "/api/v1/admin/keys", "{\"name\":\"" + name + "\",\"scopes\":[\"orders:read\"]}"), 201);
    }

    private static String[] rotate(String admin, String prefix, String query) throws Exception {
        return token(post(admin, "/api/v1/admin/keys/" + prefix + "/rotate" + query, ""), 201);
    }

    private static String[] token(java.net.http.HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        Matcher m = Pattern.compile("\"key\":\"(twk_([a-z0-9]{8})_[^\"]+)\"").matcher(response.body());
        assertThat(m.find()).as(response.body()).isTrue();
        return new String[] {m.group(1), m.group(2)};
    }

    private static java.net.http.HttpResponse<String> post(String key, String path, String body) throws Exception {
        return first.send(HttpRequest.newBuilder(first.url(path)).header("X-API-Key", key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Each key authenticates on both instances, so both hold it in their 60 s cache. */
    private static void usedOnBoth(String... tokens) {
        for (String token : tokens) {
            assertThat(first.get("/api/v1/whoami", "X-API-Key", token)).isEqualTo(200);
            assertThat(second.get("/api/v1/whoami", "X-API-Key", token)).isEqualTo(200);
        }
    }

    private static void assertRefusedOnSecondWithinOneSecond(Instant since, String... tokens) {
        for (String token : tokens) {
            int status = 200;
            while (status == 200 && Duration.between(since, Instant.now()).toMillis() < 2000) {
                status = second.get("/api/v1/whoami", "X-API-Key", token);
            }
            assertThat(status).isEqualTo(401);
        }
        assertThat(Duration.between(since, Instant.now())).isLessThan(Duration.ofSeconds(1));
    }

    private static void assertReject(java.net.http.HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).contains("\"code\":\"" + code + "\"").contains("\"message\":").contains("\"details\":");
    }
}

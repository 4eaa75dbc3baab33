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
 * second, although each caches key records for 60 s (so only the pub/sub eviction can achieve it).
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
}

package io.tripwire.console.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.tripwire.console.support.ConsoleBrowser;
import io.tripwire.console.support.ConsoleTestBase;
import io.tripwire.console.support.UpstreamStubs;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Admin → API keys: an admin creates a key (secret shown once, and it works), rotates it (the old key still works,
 * its 24 h end shown) and revokes it (refused); viewers and operators can neither read nor change keys; CSRF.
 */
@QuarkusTest
@WithTestResource(UpstreamStubs.class)
class KeysPageTest extends ConsoleTestBase {

    private static final Pattern NEW_KEY = Pattern.compile("<code id=\"new-key\">(twk_[^<]+)</code>");

    @Test
    void adminCreatesRotatesAndRevokesAKey() {
        ConsoleBrowser admin = ConsoleBrowser.login("admin1", PASSWORD);
        String csrf = admin.csrfOf("/console/admin/keys");

        Response created = admin.post("/console/admin/keys/create", "name", "desk-reader", "scopes", "orders:read",
                "ttl_days", "30", "_csrf", csrf);
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.header("Cache-Control")).isEqualTo("no-store");
        String first = secret(created.asString());
        assertThat(whoami(first)).isEqualTo(200);
        assertThat(admin.get("/console/admin/keys").asString()).contains("data-name=\"desk-reader\" data-live=\"true\"")
                .doesNotContain(first);
        String prefix = first.substring(4, 12);

        Instant before = clock.instant();
        Response rotated = admin.post("/console/admin/keys/" + prefix + "/rotate", "_csrf", csrf);
        assertThat(rotated.statusCode()).isEqualTo(200);
        String second = secret(rotated.asString());
        Matcher until = Pattern.compile("id=\"old-valid-until\">([^<]+)<").matcher(rotated.asString());
        assertThat(until.find()).isTrue();
        assertThat(Duration.between(before, Instant.parse(until.group(1)))).isBetween(Duration.ofHours(24).minusMinutes(1),
                Duration.ofHours(24).plusMinutes(1));
        assertThat(rotated.asString()).contains("rotated: valid until " + until.group(1));
        assertThat(whoami(first)).isEqualTo(200);
        assertThat(whoami(second)).isEqualTo(200);

        Response shortReason = admin.post("/console/admin/keys/" + second.substring(4, 12) + "/revoke", "reason", "gone",
                "_csrf", csrf);
        assertThat(shortReason.statusCode()).isEqualTo(400);
        assertThat(whoami(second)).isEqualTo(200);
        Response revoked = admin.post("/console/admin/keys/" + second.substring(4, 12) + "/revoke",
                "reason", "desk reader leaves the team", "_csrf", csrf);
        assertThat(revoked.statusCode()).isEqualTo(303);
        Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> whoami(second) == 401 && whoami(first) == 401);

        assertThat(audit("API_KEY_CREATED")).hasSize(2).allMatch(r -> r.startsWith("operator:admin1|SUCCESS"));
        assertThat(audit("API_KEY_ROTATED")).containsExactly("operator:admin1|SUCCESS|");
        assertThat(audit("API_KEY_REVOKED")).isNotEmpty().allMatch(r -> r.startsWith("operator:admin1|SUCCESS|"));
        assertThat(audit("CONSOLE_API_KEY_REVOKE")).containsExactly("operator:admin1|REFUSED|gone");
    }

    @Test
    void theConsolesOwnServiceKeyIsMarked() {
        insertKey(UpstreamStubs.SERVICE_KEY.substring(4, 12));
        String page = ConsoleBrowser.login("admin1", PASSWORD).get("/console/admin/keys").asString();
        assertThat(page).contains("<code>" + UpstreamStubs.SERVICE_KEY.substring(4, 12)
                + "</code><br><span class=\"badge grey console-key\">this console's service key");
    }

    @Test
    void aKeyWithoutScopesOrABadLifetimeIsNotCreated() {
        ConsoleBrowser admin = ConsoleBrowser.login("admin1", PASSWORD);
        String csrf = admin.csrfOf("/console/admin/keys");

        Response noScope = admin.post("/console/admin/keys/create", "name", "nothing-at-all", "_csrf", csrf);
        Response badTtl = admin.post("/console/admin/keys/create", "name", "too-long-lived", "scopes", "orders:read",
                "ttl_days", "9999", "_csrf", csrf);
        Response unknownScope = admin.post("/console/admin/keys/create", "name", "made-up-scope", "scopes", "root",
                "_csrf", csrf);

        assertThat(noScope.statusCode()).isEqualTo(400);
        assertThat(noScope.asString()).contains("Choose at least one scope");
        assertThat(badTtl.statusCode()).isEqualTo(400);
        assertThat(unknownScope.statusCode()).isEqualTo(400);
        assertThat(audit("API_KEY_CREATED")).isEmpty();
    }

    @Test
    void viewersAndOperatorsCannotReadOrChangeKeys() {
        for (String user : new String[] {"viewer1", "operator1"}) {
            ConsoleBrowser browser = ConsoleBrowser.login(user, PASSWORD);
            String csrf = browser.csrfOf("/console/health");

            Response read = browser.get("/console/admin/keys");
            Response create = browser.post("/console/admin/keys/create", "name", "sneaky-key", "scopes", "keys:admin", "_csrf", csrf);
            Response rotate = browser.post("/console/admin/keys/abcd1234/rotate", "_csrf", csrf);
            Response revoke = browser.post("/console/admin/keys/abcd1234/revoke", "reason", "revoking someone else's key",
                    "_csrf", csrf);

            assertThat(read.statusCode()).as(user).isEqualTo(403);
            assertThat(read.asString()).doesNotContain("id=\"keys\"");
            assertThat(create.statusCode()).as(user).isEqualTo(403);
            assertThat(rotate.statusCode()).as(user).isEqualTo(403);
            assertThat(revoke.statusCode()).as(user).isEqualTo(403);
            assertThat(browser.get("/console/health").asString()).doesNotContain("id=\"nav-keys\"");
        }
        assertThat(audit("API_KEY_CREATED")).isEmpty();
        assertThat(audit("CONSOLE_API_KEYS_VIEW")).containsExactly("operator:viewer1|DENIED|", "operator:operator1|DENIED|");
        assertThat(audit("CONSOLE_API_KEY_ROTATE")).containsExactly("operator:viewer1|DENIED|", "operator:operator1|DENIED|");
    }

    @Test
    void aKeyFormWithoutTheCsrfTokenIsRefused() {
        ConsoleBrowser admin = ConsoleBrowser.login("admin1", PASSWORD);

        Response create = admin.post("/console/admin/keys/create", "name", "no-token-key", "scopes", "orders:read");

        assertThat(create.statusCode()).isEqualTo(403);
        assertThat(audit("API_KEY_CREATED")).isEmpty();
        assertThat(audit("CONSOLE_CSRF_REJECTED")).containsExactly("operator:admin1|DENIED|");
    }

    private void insertKey(String prefix) {
        pool.query("INSERT INTO api_keys (key_prefix, name, key_salt, key_hash, scopes, created_at, created_by, expires_at) "
                + "VALUES ('" + prefix + "', 'console-service', 'aa', 'bb', ARRAY['orders:read'], now(), 'test', now() + interval '1 day')")
                .execute().await().atMost(Duration.ofSeconds(10));
    }

    private static String secret(String html) {
        Matcher m = NEW_KEY.matcher(html);
        assertThat(m.find()).as("the new key is shown").isTrue();
        return m.group(1);
    }

    private static int whoami(String key) {
        return given().header("Authorization", "Bearer " + key).get("/api/v1/whoami").statusCode();
    }
}

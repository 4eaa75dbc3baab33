package io.tripwire.console.config;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.tripwire.console.support.ConsoleBrowser;
import io.tripwire.console.support.ConsoleTestBase;
import io.tripwire.console.support.UpstreamStubs;
import io.tripwire.controlplane.auth.ApiKeyScope;
import io.tripwire.controlplane.auth.ApiKeyService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The configuration API (config:write keys) and the Admin → Configuration page (admins, CSRF), on real stores. */
@QuarkusTest
@WithTestResource(UpstreamStubs.class)
class ConfigAdminTest extends ConsoleTestBase {

    private static final String NOTIONAL = "gateway.risk.max-order-notional";

    @Inject ApiKeyService keys;

    @Test
    void aConfigWriteKeyReadsPreviewsAndAppliesAndTheChangeIsAudited() {
        String key = key(ApiKeyScope.CONFIG_WRITE);
        api(key).get("/api/v1/admin/config").then().statusCode(200).body("version", equalTo(0))
                .body("settings.find { it.name == '" + NOTIONAL + "' }.value", equalTo("1000000"))
                .body("settings.find { it.name == '" + NOTIONAL + "' }.set", equalTo(false));

        api(key).body(Map.of("settings", Map.of(NOTIONAL, 5000))).post("/api/v1/admin/config/preview").then().statusCode(200)
                .body("current_version", equalTo(0)).body("changes[0].field", equalTo(NOTIONAL))
                .body("changes[0].old", equalTo("1000000")).body("changes[0].new", equalTo("5000"))
                .body("changes[0].direction", equalTo("tighter"));
        assertThat(versions()).isZero(); // a preview saves nothing

        api(key).body(Map.of("settings", Map.of(NOTIONAL, "5000"), "reason", "lower the cap for the open", "expected_version", 0))
                .put("/api/v1/admin/config").then().statusCode(200).body("version", equalTo(1)).body("changed", equalTo(true))
                .body("published", equalTo(true));

        api(key).get("/api/v1/admin/config").then().body("version", equalTo(1))
                .body("settings.find { it.name == '" + NOTIONAL + "' }.value", equalTo("5000"));
        assertThat(audit("RISK_CONFIG_CHANGED")).hasSize(1).first().asString().endsWith("|SUCCESS|lower the cap for the open");
        api(key).body(Map.of("settings", Map.of(NOTIONAL, "4000"), "reason", "based on a stale preview", "expected_version", 0))
                .put("/api/v1/admin/config").then().statusCode(409).body("code", equalTo("STATE_CONFLICT"));
    }

    @Test
    void aBadValueIs400WithFieldErrorsAndNothingIsSaved() {
        String key = key(ApiKeyScope.CONFIG_WRITE);
        api(key).body(Map.of("settings", Map.of(NOTIONAL, "-3", "gateway.breaker.quiet-period", "forever",
                        "gateway.no-such-thing", "1"), "reason", "a change with typos in it"))
                .put("/api/v1/admin/config").then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                .body("details.fields." + "'" + NOTIONAL + "'", equalTo("must be between 1 and 1000000000000"))
                .body("details.fields.'gateway.breaker.quiet-period'", org.hamcrest.Matchers.startsWith("must be a duration"))
                .body("details.fields.'gateway.no-such-thing'", equalTo("unknown setting"));
        api(key).body(Map.of("settings", Map.of(NOTIONAL, List.of(1)), "reason", "a list is not a value"))
                .put("/api/v1/admin/config").then().statusCode(400).body("details.fields.'" + NOTIONAL + "'",
                        org.hamcrest.Matchers.startsWith("must be a number"));
        api(key).body(Map.of("settings", Map.of(NOTIONAL, "5000"))).put("/api/v1/admin/config").then().statusCode(400)
                .body("details.fields.reason", org.hamcrest.Matchers.notNullValue());
        api(key).body("{not json").put("/api/v1/admin/config").then().statusCode(400);

        assertThat(versions()).isZero();
        assertThat(audit("RISK_CONFIG_CHANGED")).allMatch(row -> row.contains("|REFUSED|"));
    }

    @Test
    void aKeyWithoutConfigWriteMayReadButNotChange() {
        String key = key(ApiKeyScope.ORDERS_READ);
        api(key).get("/api/v1/admin/config").then().statusCode(200);
        api(key).body(Map.of("settings", Map.of(NOTIONAL, "5000"), "reason", "not allowed to do this"))
                .put("/api/v1/admin/config").then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        api(key).body(Map.of("settings", Map.of(NOTIONAL, "5000"))).post("/api/v1/admin/config/preview").then().statusCode(403);
        given().get("/api/v1/admin/config").then().statusCode(401);
        assertThat(versions()).isZero();
    }

    @Test
    void anAdminPreviewsOldToNewAndConfirmsOnThePage() {
        ConsoleBrowser admin = ConsoleBrowser.login("admin1", PASSWORD);
        String page = admin.get("/console/admin/config").asString();
        assertThat(page).contains("name=\"set." + NOTIONAL + "\" value=\"1000000\"").contains("id=\"nav-config\"");
        String csrf = ConsoleBrowser.csrf(page);

        String preview = admin.post("/console/admin/config/preview", "_csrf", csrf, "set." + NOTIONAL, "2500",
                "set.gateway.risk.confidence-threshold", "0.6", "reason", "tighter cap from the console").asString();
        assertThat(preview).contains("id=\"config-preview\"").contains("data-field=\"" + NOTIONAL + "\"")
                .contains("1000000 (default)").contains("<td class=\"new\">2500</td>").contains("tighter")
                .doesNotContain("class=\"change\" data-field=\"gateway.risk.confidence-threshold\"");
        assertThat(versions()).isZero();

        Response applied = admin.post("/console/admin/config/apply", "_csrf", csrf, "expected_version", "0",
                "set." + NOTIONAL, "2500", "reason", "tighter cap from the console");
        assertThat(applied.statusCode()).isEqualTo(303);
        assertThat(applied.header("Location")).endsWith("/console/admin/config?done=1");
        assertThat(admin.get("/console/admin/config?done=1").asString()).contains("version 1 saved and published")
                .contains("name=\"set." + NOTIONAL + "\" value=\"2500\"");
        assertThat(audit("RISK_CONFIG_CHANGED")).containsExactly("operator:admin1|SUCCESS|tighter cap from the console");
    }

    @Test
    void aBadValueOnThePageShowsTheFieldErrorAndSavesNothing() {
        ConsoleBrowser admin = ConsoleBrowser.login("admin1", PASSWORD);
        String csrf = admin.csrfOf("/console/admin/config");

        Response answer = admin.post("/console/admin/config/apply", "_csrf", csrf, "set." + NOTIONAL, "lots",
                "reason", "a typo in the cap value");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.asString()).contains("data-error-for=\"" + NOTIONAL + "\">must be a decimal number")
                .contains("Nothing saved").contains("value=\"lots\"");
        assertThat(admin.post("/console/admin/config/preview", "_csrf", csrf, "set." + NOTIONAL, "0",
                "reason", "zero is out of bounds").statusCode()).isEqualTo(400);
        assertThat(versions()).isZero();
    }

    @Test
    void viewersAndOperatorsAreRefusedAndAFormWithoutCsrfIsRefused() {
        for (String user : List.of("viewer1", "operator1")) {
            ConsoleBrowser browser = ConsoleBrowser.login(user, PASSWORD);
            assertThat(browser.get("/console/admin/config").statusCode()).as(user).isEqualTo(403);
            assertThat(browser.get("/console/health").asString()).doesNotContain("nav-config");
            String csrf = browser.csrfOf("/console/health");
            assertThat(browser.post("/console/admin/config/apply", "_csrf", csrf, "set." + NOTIONAL, "10",
                    "reason", "not my job to change this").statusCode()).as(user).isEqualTo(403);
        }
        ConsoleBrowser admin = ConsoleBrowser.login("admin1", PASSWORD);
        assertThat(admin.post("/console/admin/config/apply", "set." + NOTIONAL, "10", "reason", "no csrf token here")
                .statusCode()).isEqualTo(403);
        assertThat(versions()).isZero();
        assertThat(audit("CONSOLE_CONFIG_APPLY")).hasSize(2).allMatch(r -> r.contains("|DENIED|"));
    }

    @Test
    void aGarbledStoredVersionIsShownAsRefusedAndTheLastGoodAsInForce() {
        String key = key(ApiKeyScope.CONFIG_WRITE);
        api(key).body(Map.of("settings", Map.of(NOTIONAL, "5000"), "reason", "lower the cap for the open"))
                .put("/api/v1/admin/config").then().statusCode(200);
        pool.query("INSERT INTO risk_config_versions (version, settings, created_at, created_by, reason) "
                + "VALUES (2, '{\"" + NOTIONAL + "\": \"lots\"}', now(), 'sql', 'by hand')").execute()
                .await().atMost(Duration.ofSeconds(10));

        api(key).get("/api/v1/admin/config").then().statusCode(200).body("version", equalTo(1))
                .body("newest_version", equalTo(2)).body("newest_refused.'" + NOTIONAL + "'",
                        org.hamcrest.Matchers.startsWith("must be a decimal"))
                .body("settings.find { it.name == '" + NOTIONAL + "' }.value", equalTo("5000"));
        assertThat(ConsoleBrowser.login("admin1", PASSWORD).get("/console/admin/config").asString())
                .contains("id=\"config-refused\"").contains("Stored version 2 does not validate")
                .contains(NOTIONAL + ": must be a decimal").contains("version 1 stays in force");
        api(key).body(Map.of("settings", Map.of(NOTIONAL, "6000"), "reason", "replace the garbled version"))
                .put("/api/v1/admin/config").then().statusCode(200).body("version", equalTo(3));
    }

    private long versions() {
        return pool.query("SELECT count(*) FROM risk_config_versions").execute().await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }

    private String key(ApiKeyScope scope) {
        return keys.issue("config-test", Set.of(scope), Duration.ofDays(1), "test").await().atMost(Duration.ofSeconds(10))
                .token().reveal();
    }

    private static io.restassured.specification.RequestSpecification api(String key) {
        return given().header("X-API-Key", key).contentType(ContentType.JSON);
    }
}

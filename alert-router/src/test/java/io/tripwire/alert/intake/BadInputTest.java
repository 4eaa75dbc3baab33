package io.tripwire.alert.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tripwire.alert.support.AlertFixtures;
import io.tripwire.alert.support.ProviderStubs;
import io.tripwire.controlplane.auth.ApiKeyScope;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input on every endpoint is a 400 with the reject body; nothing is stored half-way. Auth is 401/403. */
@QuarkusTest
@QuarkusTestResource(ProviderStubs.class)
class BadInputTest {

    @Inject AlertFixtures fixtures;
    String key;

    @BeforeEach
    void clean() {
        key = fixtures.reset();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"severity\":\"warning\",\"source\":\"s\",\"summary\":",                                  // malformed JSON
            "[1]", "{}",
            "{\"source\":\"s\",\"summary\":\"x\",\"dedup_key\":\"k\"}",                                    // no severity
            "{\"severity\":\"loud\",\"source\":\"s\",\"summary\":\"x\",\"dedup_key\":\"k\"}",
            "{\"severity\":\"warning\",\"summary\":\"x\",\"dedup_key\":\"k\"}",                            // no source
            "{\"severity\":\"warning\",\"source\":\"s\",\"dedup_key\":\"k\"}",                             // no summary
            "{\"severity\":\"warning\",\"source\":\"s\",\"summary\":\"x\"}",                               // no dedup key
            "{\"severity\":\"warning\",\"source\":\"s\",\"summary\":\"  \",\"dedup_key\":\"k\"}",
            "{\"severity\":\"warning\",\"source\":\"s\",\"summary\":\"x\",\"dedup_key\":\"k\",\"status\":\"open\"}",
            "{\"severity\":\"warning\",\"source\":\"s\",\"summary\":\"x\",\"dedup_key\":\"k\",\"created_at\":\"yesterday\"}",
            "{\"severity\":\"warning\",\"source\":\"s\",\"summary\":\"x\",\"dedup_key\":\"k\",\"created_at\":\"2999-01-01T00:00:00Z\"}",
            "{\"severity\":\"warning\",\"source\":\"s\",\"summary\":\"x\",\"dedup_key\":\"k\",\"details\":[1]}",
            "{\"severity\":\"warning\",\"source\":\"s\",\"summary\":\"x\",\"dedup_key\":\"k\",\"sevrity\":\"x\"}", // misspelled
            "{\"severity\":\"warning\",\"source\":\"s\",\"summary\":\"x\",\"dedup_key\":\"k\",\"labels\":{\"a\":null}}",
    })
    void alerts(String body) {
        bad("/api/v1/alerts", body);
        assertThat(fixtures.count("SELECT count(*) FROM alerts")).isZero();
        assertThat(fixtures.count("SELECT count(*) FROM alert_deliveries")).isZero();
    }

    @Test
    void aDedupKeyOver255CharactersIsRefused() {
        bad("/api/v1/alerts", "{\"severity\":\"info\",\"source\":\"s\",\"summary\":\"x\",\"dedup_key\":\"" + "k".repeat(256) + "\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{}", "{\"alerts\":[]}", "{\"alerts\":[{\"status\":\"firing\",\"labels\":{}}]}",
            "{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\"}},{\"status\":\"pending\",\"labels\":{\"alertname\":\"B\"}}]}",
            "{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\"},\"startsAt\":\"not-a-time\"}]}"})
    void alertmanager(String body) {
        bad("/api/v1/alertmanager", body);
        assertThat(fixtures.count("SELECT count(*) FROM alerts")).as("all or nothing").isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{}",
            "{\"name\":\"r\",\"severities\":[\"warning\"],\"targets\":[{\"channel\":\"slack\",\"recipient\":\"#ops\"}]}",
            "{\"name\":\"rule-1\",\"severities\":[],\"targets\":[{\"channel\":\"slack\",\"recipient\":\"#ops\"}]}",
            "{\"name\":\"rule-1\",\"severities\":[\"loud\"],\"targets\":[{\"channel\":\"slack\",\"recipient\":\"#ops\"}]}",
            "{\"name\":\"rule-1\",\"severities\":[\"warning\"],\"targets\":[]}",
            "{\"name\":\"rule-1\",\"severities\":[\"warning\"],\"targets\":[{\"channel\":\"pigeon\",\"recipient\":\"x\"}]}",
            "{\"name\":\"rule-1\",\"severities\":[\"warning\"],\"targets\":[{\"channel\":\"sms\",\"recipient\":\"555-1234\"}]}",
            "{\"name\":\"rule-1\",\"severities\":[\"warning\"],\"targets\":[{\"channel\":\"email\",\"recipient\":\"not-an-address\"}]}",
            "{\"name\":\"rule-1\",\"severities\":[\"warning\"],\"priority\":-1,\"targets\":[{\"channel\":\"slack\",\"recipient\":\"#ops\"}]}",
            "{\"name\":\"rule-1\",\"severities\":[\"warning\"],\"targets\":[{\"channel\":\"slack\",\"recipient\":\"#ops\"}],\"escalation\":[{\"channel\":\"sms\"}]}"})
    void rules(String body) {
        bad("/api/v1/rules", body);
        given().header("X-API-Key", key).contentType(ContentType.JSON).body(body).put("/api/v1/rules/1")
                .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        assertThat(fixtures.count("SELECT count(*) FROM alert_rules")).isZero();
    }

    @ParameterizedTest
    @CsvSource({"GET,/api/v1/alerts?limit=0", "GET,/api/v1/alerts?limit=abc", "GET,/api/v1/alerts?status=weird",
            "GET,/api/v1/alerts/abc", "GET,/api/v1/alerts/-1", "GET,/api/v1/deliveries?status=lost",
            "GET,/api/v1/deliveries?channel=fax", "GET,/api/v1/deliveries?limit=5000", "GET,/api/v1/deliveries/x1",
            "DELETE,/api/v1/rules/zero"})
    void queriesAndPaths(String method, String path) {
        given().header("X-API-Key", key).request(method, path).then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED")).body("message", notNullValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"reason\":\"\"}", "{\"reason\":\"ok\",\"extra\":1}", "[", "{\"reason\":null}"})
    void retry(String body) {
        bad("/api/v1/deliveries/1/retry", body);
        bad("/api/v1/deliveries/abc/retry", "{\"reason\":\"fine reason\"}");
    }

    @Test
    void noKeyIs401AndAKeyWithoutTheScopeIs403() {
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/alerts").then().statusCode(401)
                .body("code", equalTo("UNAUTHENTICATED"));
        String reader = fixtures.key(ApiKeyScope.ORDERS_READ);
        for (String path : new String[] {"/api/v1/alerts", "/api/v1/deliveries", "/api/v1/rules"}) {
            given().header("X-API-Key", reader).get(path).then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        }
        given().header("X-API-Key", reader).contentType(ContentType.JSON).body("{\"alerts\":[]}").post("/api/v1/alertmanager")
                .then().statusCode(403);
    }

    private void bad(String path, String body) {
        given().header("X-API-Key", key).contentType(ContentType.JSON).body(body).post(path)
                .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED")).body("message", notNullValue());
    }
}

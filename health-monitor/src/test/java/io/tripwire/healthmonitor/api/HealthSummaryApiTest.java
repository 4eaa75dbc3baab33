package io.tripwire.healthmonitor.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tripwire.controlplane.auth.ApiKeyScope;
import io.tripwire.controlplane.auth.ApiKeyService;
import io.tripwire.healthmonitor.support.FakeService;
import io.tripwire.healthmonitor.support.HealthFixtures;
import io.tripwire.healthmonitor.support.MonitoredTargets;
import io.tripwire.healthmonitor.support.NeverCompletingCheck;
import io.tripwire.healthmonitor.support.ScriptedCheck;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /api/v1/health/summary: scope orders:read, the JSON shape; the gauges on /q/metrics. */
@QuarkusTest
@QuarkusTestResource(MonitoredTargets.class)
class HealthSummaryApiTest {

    @Inject HealthFixtures fixtures;
    @Inject ApiKeyService apiKeys;

    private String readKey;
    private String otherKey;

    @BeforeEach
    void reset() {
        fixtures.reset();
        readKey = issue(ApiKeyScope.ORDERS_READ);
        otherKey = issue(ApiKeyScope.AUDIT_READ);
    }

    private String issue(ApiKeyScope scope) {
        return apiKeys.issue("health-test-" + scope.value(), Set.of(scope), Duration.ofHours(1), "test")
                .await().atMost(Duration.ofSeconds(5)).token().reveal();
    }

    @Test
    void theSummaryNeedsAKeyWithOrdersRead() {
        given().get("/api/v1/health/summary").then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
        given().header("Authorization", "Bearer " + otherKey).get("/api/v1/health/summary")
                .then().statusCode(403).body("code", equalTo("FORBIDDEN"));
    }

    @Test
    void theSummaryListsEveryComponentWithStatusStaleAgeLatencyLastCheckAndMessage() {
        JsonPath body = given().header("X-API-Key", readKey).get("/api/v1/health/summary")
                .then().statusCode(200).contentType("application/json").extract().jsonPath();
        // never-checked stays UNKNOWN, so the whole is not green
        assertThat(body.getString("status")).isEqualTo("DEGRADED");
        assertThat(body.getBoolean("stale")).isFalse();
        assertThat(body.getLong("poll_interval_ms")).isEqualTo(1000);
        assertThat(body.getString("generated_at")).isNotBlank();
        List<Map<String, Object>> components = body.getList("components");
        assertThat(components).extracting(c -> c.get("name")).contains(FakeService.NAME, "redis", "postgres",
                MonitoredTargets.SPARE_REDIS, "stream:alerts:stream", "stream:orders:events", "poison-queue", "heartbeats",
                ScriptedCheck.NAME, NeverCompletingCheck.NAME);
        Map<String, Object> service = component(components, FakeService.NAME);
        assertThat(service).containsEntry("kind", "service").containsEntry("status", "HEALTHY").containsEntry("stale", false)
                .containsKeys("age_ms", "latency_ms", "last_check", "last_attempt", "message", "error", "details");
        assertThat(((Number) service.get("age_ms")).longValue()).isBetween(0L, 5_000L);
        assertThat(service.get("latency_ms")).isInstanceOf(Number.class);
        assertThat((String) service.get("message")).startsWith("ready in ");
        assertThat(component(components, "postgres").get("message").toString()).contains("SELECT 1 in").contains("connections");
        assertThat(component(components, "poison-queue")).containsEntry("status", "HEALTHY");
        Map<String, Object> never = component(components, NeverCompletingCheck.NAME);
        assertThat(never).containsEntry("status", "UNKNOWN").containsEntry("stale", false);
        assertThat(never.get("age_ms")).isNull();
        assertThat(never.get("last_check")).isNull();
    }

    @Test
    void oneComponentByNameAnd404ForAnUnknownOne() {
        given().header("X-API-Key", readKey).get("/api/v1/health/components/redis")
                .then().statusCode(200).body("name", equalTo("redis")).body("status", equalTo("HEALTHY"));
        given().header("X-API-Key", readKey).get("/api/v1/health/components/nope")
                .then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void gaugesArePublishedPerComponent() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("health_component_status{component=\"redis\"} 0.0")
                .contains("health_component_status{component=\"" + NeverCompletingCheck.NAME + "\"} 3.0")
                .contains("health_component_latency_seconds{component=\"" + FakeService.NAME + "\"}")
                .contains("health_component_age_seconds{component=\"postgres\"}");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> component(List<Map<String, Object>> components, String name) {
        return components.stream().filter(c -> name.equals(c.get("name"))).findFirst().orElseThrow();
    }
}

package io.tripwire.gateway.riskconfig;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.config.WithDefault;
import io.tripwire.controlplane.riskconfig.LiveRiskConfig;
import io.tripwire.controlplane.riskconfig.RiskConfigService;
import io.tripwire.controlplane.riskconfig.RiskField;
import io.tripwire.controlplane.riskconfig.RiskFields;
import io.tripwire.controlplane.testing.TestStores;
import io.tripwire.gateway.GatewayConfig;
import io.tripwire.gateway.support.AlpacaStub;
import io.tripwire.gateway.support.Tradeable;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A risk-config change reaches admission without a restart, through {@code config:changed} (the periodic
 * reload is off in tests): a lowered notional cap refuses the next order over it 422 FAT_FINGER within 5 s,
 * and raising it again admits it again. Real Redis, PostgreSQL and the gateway's HTTP API.
 */
@QuarkusTest
@WithTestResource(AlpacaStub.class)
class RiskConfigApplyTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration APPLY_WITHIN = Duration.ofSeconds(5);
    private static final String NOTIONAL = "gateway.risk.max-order-notional";

    @Inject Tradeable tradeable;
    @Inject RiskConfigService service;
    @Inject LiveRiskConfig live;
    @Inject LiveLimits limits;
    @Inject Pool pool;
    private String key;

    @BeforeEach
    void tradeableStores() {
        tradeable.reset();
        AlpacaStub.stubDefaults();
        live.reload().await().atMost(WAIT);
        key = tradeable.key();
    }

    @AfterEach
    void backToTheGatewaySettings() {
        TestStores.clean(tradeable.redis(), pool);
        live.reload().await().atMost(WAIT);
    }

    @Test
    void aLoweredNotionalCapRefusesTheNextOrderOverItWithin5sAndRaisingItAdmitsItAgain() {
        submit("10").then().statusCode(201); // 10 x 100.00 = 1000 USD, far under the default 1 000 000

        long applied = System.nanoTime();
        var lowered = service.apply(Map.of(NOTIONAL, "500"), "operator:test", "lower the cap for the test", null)
                .await().atMost(WAIT);
        assertThat(lowered.published()).isTrue();
        await().atMost(APPLY_WITHIN).pollInterval(Duration.ofMillis(50)).until(() -> submit("10").statusCode() == 422);
        assertThat(Duration.ofNanos(System.nanoTime() - applied)).isLessThan(APPLY_WITHIN);

        Response refused = submit("10");
        refused.then().statusCode(422);
        assertThat(refused.<String>path("code")).isEqualTo("FAT_FINGER");
        assertThat(refused.<String>path("details.max_notional")).isEqualTo("500");
        assertThat(limits.version()).isEqualTo(lowered.version());
        submit("4").then().statusCode(201); // 400 USD: under the new cap

        service.apply(Map.of(NOTIONAL, ""), "operator:test", "back to the gateway default", null).await().atMost(WAIT);
        await().atMost(APPLY_WITHIN).pollInterval(Duration.ofMillis(50)).until(() -> submit("10").statusCode() == 201);
    }

    @Test
    void aRaisedConfidenceThresholdAppliesToTheNextOrderAndUnsetFieldsKeepTheGatewaySettings() {
        service.apply(Map.of("gateway.risk.confidence-threshold", "0.9"), "operator:test", "stricter confidence for the test",
                null).await().atMost(WAIT);

        await().atMost(APPLY_WITHIN).until(() -> limits.risk().confidenceThreshold().compareTo(new java.math.BigDecimal("0.9")) == 0);
        Response low = submitWith(Map.of("confidence", "0.8"));
        assertThat(low.statusCode()).isEqualTo(412);
        assertThat(low.<String>path("details.threshold")).isEqualTo("0.9");
        assertThat(limits.breaker().quietPeriod()).isEqualTo(Duration.ofSeconds(4)); // not set: the gateway's own setting
    }

    /** The catalog's defaults are the gateway's own {@code @WithDefault} values, so the console shows the truth. */
    @Test
    void theCatalogDefaultsAreTheGatewayDefaults() throws Exception {
        Map<String, Class<?>> groups = Map.of("gateway.risk.", GatewayConfig.Risk.class, "gateway.breaker.",
                GatewayConfig.Breaker.class, "gateway.rate-limits.", GatewayConfig.RateLimits.class);
        for (RiskField field : RiskFields.ALL) {
            String prefix = groups.keySet().stream().filter(field.name()::startsWith).findFirst().orElseThrow();
            String property = field.name().substring(prefix.length());
            var method = java.util.Arrays.stream(groups.get(prefix).getMethods())
                    .filter(m -> kebab(m.getName()).equals(property)).findFirst()
                    .orElseThrow(() -> new AssertionError("no gateway setting " + field.name()));
            assertThat(method.getAnnotation(WithDefault.class).value()).as(field.name()).isEqualTo(field.defaultValue());
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
    }

    private Response submit(String qty) {
        return submitWith(Map.of("qty", qty));
    }

    private Response submitWith(Map<String, String> extra) {
        Map<String, String> body = new HashMap<>(Map.of("symbol", "AAPL", "side", "buy", "qty", "1", "type", "market",
                "client_order_id", "rc-" + UUID.randomUUID()));
        body.putAll(extra);
        return given().header("X-API-Key", key).contentType(ContentType.JSON).body(body).post("/api/v1/orders");
    }
}

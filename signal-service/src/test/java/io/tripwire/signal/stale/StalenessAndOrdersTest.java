package io.tripwire.signal.stale;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tripwire.controlplane.keys.RedisKeys;
import io.tripwire.signal.feature.Bar;
import io.tripwire.signal.feature.FeatureStore;
import io.tripwire.signal.model.Decision;
import io.tripwire.signal.model.LoadedModel;
import io.tripwire.signal.model.ModelRegistry;
import io.tripwire.signal.support.GatewayStub;
import io.tripwire.signal.support.SignalFixtures;
import io.tripwire.signal.trade.SignalTrader;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DATA_STALE trips through the gateway (stubbed) with one alert per episode; signal orders and their refusals. */
@QuarkusTest
@TestProfile(StalenessAndOrdersTest.Fast.class)
@WithTestResource(GatewayStub.class)
class StalenessAndOrdersTest {

    public static class Fast implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // checks run only when the test calls them
            return Map.of("signal.stale-after", "1s", "signal.stale-check-interval", "1h");
        }
    }

    @Inject SignalFixtures fixtures;
    @Inject ModelRegistry models;
    @Inject FeatureStore features;
    @Inject StalenessWatch watch;
    @Inject SignalTrader trader;
    @Inject RedisKeys keys;
    @Inject Clock clock;
    String key;

    @BeforeEach
    void clean() {
        key = fixtures.reset();
        features.clear();
        GatewayStub.server().resetAll();
        fixtures.approvedModel(key, "stale-1", "momo", "1", Map.of("mom_20", 1.0), 0.0, "AAPL");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> models.forSymbol("AAPL").isPresent());
    }

    @Test
    void aTradedSymbolWithoutFreshBarsTripsDataStaleOnceAndAFailedTripIsRetried() throws Exception {
        GatewayStub.server().stubFor(post("/api/v1/circuit-breaker/trip").inScenario("trip")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        GatewayStub.server().stubFor(post("/api/v1/circuit-breaker/trip").inScenario("trip").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"changed\":true,\"breaker\":{\"state\":\"TRIPPED\"}}")));
        features.add(new Bar("1-0", "AAPL", 100, clock.instant()));
        assertThat(watch.check().await().atMost(Duration.ofSeconds(5))).as("fresh").isEmpty();

        Thread.sleep(1300);
        assertThat(watch.check().await().atMost(Duration.ofSeconds(5))).as("trip call failed").isEmpty();
        assertThat(watch.check().await().atMost(Duration.ofSeconds(5))).as("retried").containsExactly("AAPL");
        assertThat(watch.check().await().atMost(Duration.ofSeconds(5))).as("tripped already").isEmpty();

        GatewayStub.server().verify(2, postRequestedFor(urlEqualTo("/api/v1/circuit-breaker/trip"))
                .withHeader("Authorization", equalTo("Bearer twk_stubstub_secret"))
                .withRequestBody(equalToJson("{\"code\":\"DATA_STALE\",\"acknowledged\":true,\"threshold_value\":1.000}", true, true)));
        assertThat(staleAlerts()).as("one alert per episode").hasSize(1).allSatisfy(m -> {
            assertThat(m.payload()).containsEntry("severity", "CRITICAL").containsEntry("dedup_key", "data-stale:AAPL");
        });

        features.add(new Bar("1-1", "AAPL", 101, clock.instant()));
        watch.check().await().atMost(Duration.ofSeconds(5));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> staleAlerts().size() == 2);
        assertThat(staleAlerts().get(1).payload()).containsEntry("status", "resolved");
    }

    @Test
    void anAllowedSignalIsSentWithStrategyArtifactAndConfidenceAndARefusalIsRecorded() {
        LoadedModel model = models.forSymbol("AAPL").orElseThrow();
        Bar bar = new Bar("2-0", "AAPL", 100, clock.instant());
        Decision longSignal = Decision.of(0.9, new BigDecimal("0.6"), new BigDecimal("0.55"), "stale-1");
        GatewayStub.server().stubFor(post("/api/v1/orders").willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\":\"ARTIFACT_NOT_APPROVED\",\"message\":\"no\",\"details\":{}}")));

        String refused = trader.act(model, bar, Map.of("mom_20", 0.1, "rv_5", 0.01, "rsi_14", 60.0), longSignal)
                .await().atMost(Duration.ofSeconds(5));

        assertThat(refused).isEqualTo("rejected:ARTIFACT_NOT_APPROVED");
        GatewayStub.server().verify(postRequestedFor(urlEqualTo("/api/v1/orders")).withRequestBody(equalToJson("""
                {"symbol":"AAPL","side":"buy","type":"market","notional":"1000.00","strategy_id":"momo",
                 "artifact_id":"stale-1","confidence":"0.80000","client_order_id":"sig-%d-AAPL-%d"}"""
                .formatted(model.artifact(), bar.ts().toEpochMilli()))));

        String id = java.util.UUID.randomUUID().toString();
        GatewayStub.server().stubFor(post("/api/v1/orders").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"" + id + "\",\"status\":\"NEW\"}")));
        assertThat(trader.act(model, new Bar("2-1", "AAPL", 100, clock.instant().plusMillis(1)),
                Map.of("mom_20", 0.1, "rv_5", 0.01, "rsi_14", 60.0), longSignal).await().atMost(Duration.ofSeconds(5)))
                .isEqualTo("submitted:" + id);
        Decision flat = Decision.of(0.5, new BigDecimal("0.6"), new BigDecimal("0.55"), "stale-1");
        assertThat(trader.act(model, bar, Map.of("mom_20", 0.0, "rv_5", 0.01, "rsi_14", 50.0), flat)
                .await().atMost(Duration.ofSeconds(5))).isEqualTo("not_allowed");
        Bar old = new Bar("2-2", "AAPL", 100, clock.instant().minus(Duration.ofMinutes(5)));
        assertThat(trader.act(model, old, Map.of("mom_20", 0.1, "rv_5", 0.01, "rsi_14", 60.0), longSignal)
                .await().atMost(Duration.ofSeconds(5))).isEqualTo("stale_bar");
        GatewayStub.server().verify(2, postRequestedFor(urlEqualTo("/api/v1/orders")));
    }

    private List<StreamMessage<String, String, String>> staleAlerts() {
        return fixtures.redis().stream(String.class).xrange(keys.alertsStream(), StreamRange.of("-", "+"))
                .await().atMost(Duration.ofSeconds(5)).stream()
                .filter(m -> "data-stale:AAPL".equals(m.payload().get("dedup_key"))).toList();
    }
}

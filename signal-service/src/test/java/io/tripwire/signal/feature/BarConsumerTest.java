package io.tripwire.signal.feature;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.quarkus.test.junit.QuarkusTest;
import io.tripwire.controlplane.auth.ApiKeyScope;
import io.tripwire.controlplane.keys.RedisKeys;
import io.tripwire.signal.model.ModelRegistry;
import io.tripwire.signal.support.SignalFixtures;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * md:bars intake against real Redis and PostgreSQL: entries in paper-venue's format feed the rolling features, a
 * loaded model turns each new bar into a decision recorded in strategy_signals, metrics count them, and a restart
 * (stop, forget every window, start) rebuilds the same features from the stream without deciding on old bars again.
 */
@QuarkusTest
class BarConsumerTest {

    static final double[] CLOSES = FeatureWindowTest.CLOSES;
    static final Instant T0 = Instant.parse("2026-01-05T14:30:00Z");

    @Inject SignalFixtures fixtures;
    @Inject BarConsumer consumer;
    @Inject FeatureStore store;
    @Inject ModelRegistry models;
    @Inject RedisKeys keys;
    String key;
    String reader;

    @BeforeEach
    void clean() throws InterruptedException {
        restartWith(() -> key = fixtures.reset());
        reader = fixtures.key(ApiKeyScope.ORDERS_READ);
    }

    @AfterEach
    void running() {
        consumer.start();
    }

    /** Stops the consumer, lets its last blocking read end, forgets every window, runs {@code between}, starts again. */
    void restartWith(Runnable between) throws InterruptedException {
        consumer.stop();
        Thread.sleep(800); // longer than the test's XREADGROUP block (500 ms)
        store.clear();
        between.run();
        consumer.start();
    }

    void bar(int i, double close) {
        Map<String, String> fields = new LinkedHashMap<>();
        Instant ts = T0.plusSeconds(60L * i);
        fields.put("symbol", "AAPL");
        fields.put("o", Double.toString(close));
        fields.put("h", Double.toString(close));
        fields.put("l", Double.toString(close));
        fields.put("c", Double.toString(close));
        fields.put("volume", "100");
        fields.put("ts", ts.toString());
        fields.put("ts_ms", Long.toString(ts.toEpochMilli()));
        fixtures.redis().stream(String.class).xadd(keys.marketDataBars(), fields).await().atMost(Duration.ofSeconds(5));
    }

    Map<String, Object> featureView() {
        return given().header("X-API-Key", reader).get("/api/v1/features/AAPL").then().statusCode(200).extract().as(Map.class);
    }

    @SuppressWarnings("unchecked")
    Map<String, Double> features() {
        return (Map<String, Double>) featureView().get("features");
    }

    long signals() {
        return fixtures.count("SELECT count(*) FROM strategy_signals");
    }

    @Test
    void barsBecomeFeaturesAndDecisionsAndARestartRebuildsThem() throws InterruptedException {
        fixtures.approvedModel(key, "bars-1", "bars", "1", Map.of("mom_20", 10.0), 0.0, "AAPL");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> models.forSymbol("AAPL").isPresent());

        for (int i = 0; i < 20; i++) {
            bar(i, CLOSES[i]);
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ((Number) featureView().get("bars")).intValue() == 20);
        assertThat(featureView().get("features")).isNull(); // warming up: no decision
        assertThat(signals()).isZero();

        bar(20, CLOSES[20]);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> signals() == 1);
        Map<String, Double> f = features();
        assertThat(f.get("mom_20")).isCloseTo(0.2, within(1e-12));
        assertThat(f.get("rsi_14")).isCloseTo(1900.0 / 23, within(1e-9));
        double pLong = 1 / (1 + Math.exp(-10 * 0.2)); // 0.880797
        var row = fixtures.rows("SELECT artifact_id, symbol, signal, prob_long, prob_short, confidence, threshold, allow, features, bar_ts "
                + "FROM strategy_signals", Tuple.tuple(), r -> r).get(0);
        assertThat(row.getString("artifact_id")).isEqualTo("bars-1");
        assertThat(row.getString("signal")).isEqualTo("long");
        assertThat(row.getBigDecimal("prob_long").doubleValue()).isCloseTo(pLong, within(1e-6));
        assertThat(row.getBigDecimal("confidence").doubleValue()).isCloseTo(2 * pLong - 1, within(2e-6));
        assertThat(row.getBoolean("allow")).isTrue();
        assertThat(row.getOffsetDateTime("bar_ts").toInstant()).isEqualTo(T0.plusSeconds(60L * 20));
        assertThat(row.getValue("features").toString()).contains("mom_20").contains("rv_5").contains("rsi_14");

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("signal_service_latency_seconds_count").contains("signal_service_latency_seconds_bucket");
        assertThat(metrics).containsPattern("signal_service_signals_total\\{[^}]*outcome=\"allowed\"[^}]*source=\"bar\"[^}]*\\} [1-9]");
        assertThat(metrics).containsPattern("signal_service_signals_total\\{[^}]*outcome=\"warming_up\"[^}]*source=\"bar\"[^}]*\\} [1-9]");

        // restart: every window forgotten, then rebuilt from md:bars; no decision is made again for the old bars
        Map<String, Double> before = features();
        restartWith(() -> given().header("X-API-Key", reader).get("/api/v1/features/AAPL").then().statusCode(404));
        assertThat(features()).isEqualTo(before);
        assertThat(featureView().get("bars")).isEqualTo(21);
        Thread.sleep(1000);
        assertThat(signals()).isEqualTo(1);

        // the next bar continues the same window: mom_20 now against 102 (the 100 left it)
        bar(21, 118);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> signals() == 2);
        assertThat(features().get("mom_20")).isCloseTo(118.0 / 102 - 1, within(1e-12));
        assertThat(features().get("rsi_14")).isCloseTo(1700.0 / 23, within(1e-9));
    }

    @Test
    void barsThatArriveWhileTheServiceIsDownFeedTheFeaturesButMakeNoDecision() throws InterruptedException {
        fixtures.approvedModel(key, "down-1", "down", "1", Map.of("mom_20", 10.0), 0.0, "AAPL");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> models.forSymbol("AAPL").isPresent());
        for (int i = 0; i < 21; i++) {
            bar(i, CLOSES[i]);
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> signals() == 1);
        restartWith(() -> bar(21, 118));
        assertThat(features().get("mom_20")).isCloseTo(118.0 / 102 - 1, within(1e-12));
        Thread.sleep(1500);
        assertThat(signals()).isEqualTo(1);
        // and the pending-free group goes on with the next live bar
        bar(22, 119);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> signals() == 2);
        assertThat(fixtures.rows("SELECT bar_ts FROM strategy_signals ORDER BY bar_ts", Tuple.tuple(),
                r -> r.getOffsetDateTime(0).toInstant())).isEqualTo(List.of(T0.plusSeconds(60L * 20), T0.plusSeconds(60L * 22)));
    }

    @Test
    void malformedEntriesAreSkippedAndWithoutAModelNothingIsRecorded() {
        fixtures.redis().stream(String.class).xadd(keys.marketDataBars(), Map.of("symbol", "AAPL", "c", "not a number", "ts_ms", "1"))
                .await().atMost(Duration.ofSeconds(5));
        for (int i = 0; i < 21; i++) {
            bar(i, CLOSES[i]);
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ((Number) featureView().get("bars")).intValue() == 21);
        assertThat(features().get("mom_20")).isCloseTo(0.2, within(1e-12));
        assertThat(signals()).isZero();
        String metrics = given().get("/q/metrics").then().extract().asString();
        assertThat(metrics).containsPattern("signal_service_signals_total\\{[^}]*outcome=\"no_model\"[^}]*\\} [1-9]");
        assertThat(metrics).containsPattern("signal_service_signals_total\\{[^}]*outcome=\"invalid\"[^}]*\\} [1-9]");
    }
}

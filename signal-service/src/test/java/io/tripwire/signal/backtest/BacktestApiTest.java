package io.tripwire.signal.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.tripwire.signal.backtest.BacktestEngine.BarRow;
import io.tripwire.signal.support.SignalFixtures;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/backtests} against real PostgreSQL and Redis: DRAFT with metrics, idempotent, md:bars source, 400s. */
@QuarkusTest
class BacktestApiTest {

    @Inject SignalFixtures fixtures;
    @Inject ReactiveRedisDataSource redis;
    String key;

    @BeforeEach
    void clean() {
        key = fixtures.reset();
    }

    static String csv(List<BarRow> bars) {
        return "ts,symbol,close\n" + bars.stream().map(b -> b.ts() + "," + b.symbol() + "," + b.close().toPlainString())
                .collect(Collectors.joining("\n"));
    }

    @Test
    void aCsvBacktestIsADraftWithMetricsAndTheSameInputAgainIsTheSameArtifact() {
        Map<String, Object> body = Map.of("strategy_name", "momo", "csv", csv(BacktestEngineTest.zigzag("AAPL", 100)),
                "model", Map.of("type", "logistic", "weights", Map.of("mom_20", 60), "bias", 0));
        String id = fixtures.post(key, "/api/v1/backtests", body).statusCode(201).body("existed", equalTo(false))
                .body("artifact.state", equalTo("DRAFT")).body("artifact.hash_valid", equalTo(true))
                .body("artifact.payload.backtest.trades", greaterThanOrEqualTo(2))
                .body("artifact.payload.backtest.source", equalTo("csv"))
                .extract().path("artifact.artifact_id");
        String hash = fixtures.post(key, "/api/v1/backtests", body).statusCode(200).body("existed", equalTo(true))
                .body("artifact.artifact_id", equalTo(id)).extract().path("artifact.hash");
        assertThat(fixtures.count("SELECT count(*) FROM strategy_artifacts WHERE state = 'DRAFT' AND hash = '" + hash + "'")).isEqualTo(1);
        fixtures.post(key, "/api/v1/backtests", Map.of("strategy_name", "momo",
                "csv", csv(BacktestEngineTest.zigzag("AAPL", 101)))).statusCode(201).body("artifact.hash", org.hamcrest.Matchers.not(hash));
    }

    @Test
    void thePaperVenuesPublishedBarsInARangeAreASource() {
        for (BarRow b : BacktestEngineTest.zigzag("AAPL", 100)) {
            redis.stream(String.class).xadd("md:bars", Map.of("symbol", b.symbol(), "o", b.close().toPlainString(),
                    "h", b.close().toPlainString(), "l", b.close().toPlainString(), "c", b.close().toPlainString(), "volume", "1",
                    "ts", b.ts().toString(), "ts_ms", Long.toString(b.ts().toEpochMilli()))).await().atMost(Duration.ofSeconds(5));
        }
        Map<String, Object> body = Map.of("strategy_name", "momo", "from", "2026-01-05T14:30:00Z", "to", "2026-01-05T15:29:00Z",
                "model", Map.of("type", "logistic", "weights", Map.of("mom_20", 60), "bias", 0));
        fixtures.post(key, "/api/v1/backtests", body).statusCode(201).body("artifact.payload.backtest.source", equalTo("md:bars"))
                .body("artifact.payload.backtest.bars", equalTo(60)); // 14:30 .. 15:29 inclusive
        fixtures.post(key, "/api/v1/backtests", body).statusCode(200).body("existed", equalTo(true));
    }

    @Test
    void badInputIs400() {
        fixtures.post(key, "/api/v1/backtests", Map.of("strategy_name", "bad name!", "csv", "ts,symbol,close\n")).statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"));
        fixtures.post(key, "/api/v1/backtests", Map.of("strategy_name", "momo", "csv", "a,b\n1,2")).statusCode(400);
        fixtures.post(key, "/api/v1/backtests", Map.of("strategy_name", "momo", "csv", "ts,symbol,close\nnot-a-time,AAPL,1")).statusCode(400)
                .body("details.fields.csv", org.hamcrest.Matchers.containsString("line 2"));
        fixtures.post(key, "/api/v1/backtests", Map.of("strategy_name", "momo", "from", "yesterday")).statusCode(400);
        fixtures.post(key, "/api/v1/backtests", Map.of("strategy_name", "momo", "from", "2030-01-01")).statusCode(400); // no bars
    }
}

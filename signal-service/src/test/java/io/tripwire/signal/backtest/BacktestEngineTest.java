package io.tripwire.signal.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tripwire.controlplane.artifact.ArtifactHash;
import io.tripwire.signal.backtest.BacktestEngine.BarRow;
import io.tripwire.signal.web.FieldErrors;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The research runtime is a pure function: same input → byte-identical artifact and hash; any change → another hash. */
class BacktestEngineTest {

    static final Instant T0 = Instant.parse("2026-01-05T14:30:00Z");
    static final JsonNode MODEL = ArtifactHash.parse("{\"type\":\"logistic\",\"weights\":{\"mom_20\":60},\"bias\":0}");
    static final JsonNode SIZING = ArtifactHash.parse("{\"qty_usd\":1000}");
    static final JsonNode RISK = ArtifactHash.parse("{\"max_daily_loss\":500}");

    /** Up 30 bars, down 30, up 30: the momentum model goes long, exits on the way down, goes long again. */
    static List<BarRow> zigzag(String symbol, double start) {
        List<BarRow> bars = new ArrayList<>();
        double price = start;
        for (int i = 0; i < 120; i++) {
            int leg = (i / 30) % 2;
            price = price * (leg == 0 ? 1.004 : 0.996);
            bars.add(new BarRow(symbol, T0.plusSeconds(60L * i), BigDecimal.valueOf(price).setScale(4, java.math.RoundingMode.HALF_EVEN)));
        }
        return bars;
    }

    static BacktestEngine.Result run(List<BarRow> bars, JsonNode model) {
        FieldErrors errors = new FieldErrors();
        BacktestEngine.Result r = BacktestEngine.run(new BacktestEngine.Input("momo", model, SIZING, RISK, "csv", null, null,
                new BigDecimal("0.6"), new BigDecimal("0.55"), bars), errors);
        assertThat(errors.isEmpty()).as(errors.toString()).isTrue();
        return r;
    }

    @Test
    void twoRunsOfTheSameInputGiveByteIdenticalArtifactsAndHashes() {
        List<BarRow> bars = new ArrayList<>(zigzag("AAPL", 100));
        bars.addAll(zigzag("MSFT", 300));
        BacktestEngine.Result first = run(bars, MODEL);
        List<BarRow> shuffled = new ArrayList<>(bars);
        java.util.Collections.reverse(shuffled); // order of the input does not matter: bars are sorted
        BacktestEngine.Result second = run(shuffled, MODEL);

        assertThat(second.canonicalPayload()).isEqualTo(first.canonicalPayload());
        assertThat(second.hash()).isEqualTo(first.hash());
        assertThat(second.artifactId()).isEqualTo(first.artifactId()).startsWith("bt_momo_");
        assertThat(first.hash()).isEqualTo(ArtifactHash.of(first.artifactId(), "momo", first.strategyVersion(), first.payload()));
        JsonNode metrics = first.payload().get("backtest");
        assertThat(metrics.get("trades").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(metrics.get("bars").asInt()).isEqualTo(240);
        assertThat(metrics.has("sharpe")).isTrue();
        assertThat(metrics.get("win_rate").decimalValue()).isBetween(BigDecimal.ZERO, BigDecimal.ONE);
        assertThat(metrics.get("max_drawdown").decimalValue()).isBetween(BigDecimal.ZERO, BigDecimal.ONE);
        assertThat(first.payload().get("symbols").toString()).isEqualTo("[\"AAPL\",\"MSFT\"]");
    }

    @Test
    void oneChangedBarOrOneChangedParameterGivesAnotherArtifactAndHash() {
        List<BarRow> bars = zigzag("AAPL", 100);
        BacktestEngine.Result base = run(bars, MODEL);
        List<BarRow> changed = new ArrayList<>(bars);
        BarRow last = changed.remove(changed.size() - 1);
        changed.add(new BarRow(last.symbol(), last.ts(), last.close().add(new BigDecimal("0.0001"))));
        BacktestEngine.Result otherBars = run(changed, MODEL);
        BacktestEngine.Result otherModel = run(bars, ArtifactHash.parse("{\"type\":\"logistic\",\"weights\":{\"mom_20\":61},\"bias\":0}"));

        assertThat(otherBars.hash()).isNotEqualTo(base.hash());
        assertThat(otherBars.artifactId()).isNotEqualTo(base.artifactId());
        assertThat(otherModel.hash()).isNotEqualTo(base.hash()).isNotEqualTo(otherBars.hash());
        assertThat(otherBars.payload().get("backtest").get("input_sha256").asText())
                .isNotEqualTo(base.payload().get("backtest").get("input_sha256").asText());
    }

    @Test
    void aRisingSeriesMakesOneWinningTradeClosedAtTheLastBar() {
        List<BarRow> up = zigzag("AAPL", 100).subList(0, 30);
        JsonNode metrics = run(up, MODEL).payload().get("backtest");
        assertThat(metrics.get("trades").asInt()).isEqualTo(1);
        assertThat(metrics.get("win_rate").decimalValue()).isEqualByComparingTo("1");
        assertThat(metrics.get("total_pnl").decimalValue()).isPositive();
        assertThat(metrics.get("sharpe").decimalValue()).isEqualByComparingTo("0"); // one trade: no spread
    }

    @Test
    void noBarsOrNoSizingIsRefused() {
        FieldErrors errors = new FieldErrors();
        assertThat(BacktestEngine.run(new BacktestEngine.Input("momo", MODEL, SIZING, RISK, "csv", null, null,
                new BigDecimal("0.6"), new BigDecimal("0.55"), List.of()), errors)).isNull();
        assertThat(errors.isEmpty()).isFalse();
        FieldErrors sizing = new FieldErrors();
        assertThat(BacktestEngine.run(new BacktestEngine.Input("momo", MODEL, ArtifactHash.parse("{}"), RISK, "csv", null, null,
                new BigDecimal("0.6"), new BigDecimal("0.55"), zigzag("AAPL", 100)), sizing)).isNull();
        assertThat(sizing.isEmpty()).isFalse();
    }
}

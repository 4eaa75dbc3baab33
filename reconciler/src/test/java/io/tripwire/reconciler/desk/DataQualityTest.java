package io.tripwire.reconciler.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The data-quality report: coverage, missing, duplicate and stale bars, OHLC sanity. */
class DataQualityTest {

    static final Instant NOW = Instant.parse("2026-12-07T08:00:00Z");
    static final DataQuality.Limits LIMITS = new DataQuality.Limits(Duration.ofMinutes(2), Duration.ofSeconds(30), new BigDecimal("100"));
    static final List<String> UNIVERSE = List.of("SPY", "AAPL");

    static DeskBar bar(String symbol, int secondsAgo, String o, String h, String l, String c) {
        return new DeskBar(symbol, NOW.minusSeconds(secondsAgo), new BigDecimal(o), new BigDecimal(h), new BigDecimal(l), new BigDecimal(c));
    }

    static List<DeskBar> good() {
        List<DeskBar> bars = new ArrayList<>();
        for (int s = 60; s >= 0; s -= 10) {
            bars.add(bar("SPY", s, "100", "101", "99", "100.5"));
            bars.add(bar("AAPL", s, "200", "202", "199", "201"));
        }
        return bars;
    }

    @Test
    void freshSaneBarsOfTheWholeUniversePassWithTheNewestCloses() {
        DataQuality.Report r = DataQuality.evaluate(good(), UNIVERSE, NOW, LIMITS);
        assertThat(r.passed()).isTrue();
        assertThat(r.issues()).isEmpty();
        assertThat(r.coveragePct()).isEqualByComparingTo("100");
        assertThat(r.closes()).containsEntry("SPY", new BigDecimal("100.5")).containsEntry("AAPL", new BigDecimal("201"));
    }

    @Test
    void aSymbolWithoutBarsFailsCoverage() {
        List<DeskBar> bars = good().stream().filter(b -> b.symbol().equals("SPY")).toList();
        DataQuality.Report r = DataQuality.evaluate(bars, UNIVERSE, NOW, LIMITS);
        assertThat(r.passed()).isFalse();
        assertThat(r.coveragePct()).isEqualByComparingTo("50");
        assertThat(r.issues()).extracting(DataQuality.Issue::check).containsExactly("COVERAGE");
        // a lower coverage floor tolerates it
        assertThat(DataQuality.evaluate(bars, UNIVERSE, NOW, new DataQuality.Limits(LIMITS.maxBarAge(), LIMITS.maxBarGap(),
                new BigDecimal("50"))).passed()).isTrue();
    }

    @Test
    void duplicateMissingStaleAndInsaneBarsEachFail() {
        List<DeskBar> dup = new ArrayList<>(good());
        dup.add(bar("SPY", 20, "100", "101", "99", "100.5"));
        assertThat(checks(dup)).containsExactly("DUPLICATE_BAR");

        // AAPL at -40 s, then at 0 s: a 40 s gap (30 s is the longest allowed, and a 30 s gap passes)
        List<DeskBar> gap = good().stream().filter(b -> !(b.symbol().equals("AAPL") && b.ts().isAfter(NOW.minusSeconds(31))
                && b.ts().isBefore(NOW))).toList();
        assertThat(checks(gap)).containsExactly("MISSING_BAR");

        List<DeskBar> stale = good().stream().map(b -> new DeskBar(b.symbol(), b.ts().minusSeconds(600), b.open(), b.high(),
                b.low(), b.close())).toList();
        assertThat(checks(stale)).containsExactly("STALE", "STALE");

        List<DeskBar> insane = new ArrayList<>(good());
        insane.set(0, bar("SPY", 60, "100", "99", "98", "100.5")); // high below the close
        assertThat(checks(insane)).containsExactly("OHLC");
        insane.set(0, bar("SPY", 60, "100", "101", "100.2", "100.1")); // low above the close
        assertThat(checks(insane)).containsExactly("OHLC");
        insane.set(0, bar("SPY", 60, "0", "101", "99", "100")); // a zero price
        assertThat(checks(insane)).containsExactly("OHLC");
    }

    static List<String> checks(List<DeskBar> bars) {
        DataQuality.Report r = DataQuality.evaluate(bars, UNIVERSE, NOW, LIMITS);
        assertThat(r.passed()).isFalse();
        return r.issues().stream().map(DataQuality.Issue::check).toList();
    }
}

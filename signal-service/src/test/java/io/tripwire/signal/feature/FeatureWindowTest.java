package io.tripwire.signal.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** mom_20, rv_5 and rsi_14 from a known bar sequence, checked against values worked out by hand. Plain JUnit. */
class FeatureWindowTest {

    /** 21 closes: +2, -1, +2, +1, -1, ... then +1 at the end. */
    static final double[] CLOSES = {100, 102, 101, 103, 104, 103, 105, 107, 106, 108, 110, 109, 111, 113, 112, 114, 116, 115, 117, 119, 120};
    static final Instant T0 = Instant.parse("2026-01-05T14:30:00Z");

    static FeatureWindow feed(double... closes) {
        FeatureWindow w = new FeatureWindow();
        for (int i = 0; i < closes.length; i++) {
            assertThat(w.add(T0.plusSeconds(i), closes[i])).isTrue();
        }
        return w;
    }

    @Test
    void warmingUpUntilTwentyOneCloses() {
        FeatureWindow w = new FeatureWindow();
        for (int i = 0; i < 20; i++) {
            w.add(T0.plusSeconds(i), CLOSES[i]);
            assertThat(w.features()).isEmpty();
        }
        w.add(T0.plusSeconds(20), CLOSES[20]);
        assertThat(w.features()).isPresent();
    }

    @Test
    void featuresOfTheKnownSequence() {
        Map<String, Double> f = feed(CLOSES).features().orElseThrow();
        // mom_20 = 120 / 100 - 1
        assertThat(f.get("mom_20")).isCloseTo(0.2, within(1e-12));
        // rv_5 = sqrt of the squared log returns 114->116->115->117->119->120
        double rv = Math.sqrt(sq(Math.log(116.0 / 114)) + sq(Math.log(115.0 / 116)) + sq(Math.log(117.0 / 115))
                + sq(Math.log(119.0 / 117)) + sq(Math.log(120.0 / 119)));
        assertThat(f.get("rv_5")).isCloseTo(rv, within(1e-15)).isCloseTo(0.0321252, within(1e-7));
        // rsi_14 over the last 14 changes: gains 2+2+2+2+2+2+2+2+2+1 = 19, losses 1+1+1+1 = 4 -> 100 - 100 / (1 + 19/4) = 1900/23
        assertThat(f.get("rsi_14")).isCloseTo(1900.0 / 23, within(1e-9));
        assertThat(f.keySet()).containsExactly("mom_20", "rv_5", "rsi_14");
    }

    @Test
    void theWindowRollsForward() {
        double[] more = new double[CLOSES.length + 1];
        System.arraycopy(CLOSES, 0, more, 0, CLOSES.length);
        more[CLOSES.length] = 118;
        Map<String, Double> f = feed(more).features().orElseThrow();
        assertThat(f.get("mom_20")).isCloseTo(118.0 / 102 - 1, within(1e-12)); // the 100 has left the window
        // gains 2+2+2+2+2+2+2+2+1 = 17, losses 1+1+1+1+2 = 6 -> 1700/23
        assertThat(f.get("rsi_14")).isCloseTo(1700.0 / 23, within(1e-9));
    }

    @Test
    void aBarNotNewerThanTheLastIsIgnored() {
        FeatureWindow w = feed(CLOSES);
        Map<String, Double> before = w.features().orElseThrow();
        assertThat(w.add(T0.plusSeconds(20), 500)).isFalse();
        assertThat(w.add(T0.plusSeconds(3), 500)).isFalse();
        assertThat(w.features().orElseThrow()).isEqualTo(before);
        assertThat(w.size()).isEqualTo(21);
    }

    @Test
    void rsiEdges() {
        double[] flat = new double[21];
        java.util.Arrays.fill(flat, 50);
        assertThat(feed(flat).features().orElseThrow().get("rsi_14")).isEqualTo(50.0);
        double[] up = new double[21];
        for (int i = 0; i < 21; i++) {
            up[i] = 100 + i;
        }
        Map<String, Double> f = feed(up).features().orElseThrow();
        assertThat(f.get("rsi_14")).isEqualTo(100.0);
    }

    @Test
    void paperVenueBarEntriesParse() {
        Bar bar = Bar.parse("1-0", Map.of("symbol", "aapl", "o", "1", "h", "2", "l", "0.5", "c", "187.25", "volume", "10",
                "ts", "2026-01-05T14:30:00Z", "ts_ms", "1767623400000"));
        assertThat(bar).isEqualTo(new Bar("1-0", "AAPL", 187.25, Instant.ofEpochMilli(1767623400000L)));
        assertThat(Bar.parse("1-1", Map.of("symbol", "AAPL", "c", "abc", "ts_ms", "1"))).isNull();
        assertThat(Bar.parse("1-2", Map.of("symbol", "AAPL", "c", "-1", "ts_ms", "1"))).isNull();
        assertThat(Bar.parse("1-3", Map.of("c", "1", "ts_ms", "1"))).isNull();
    }

    private static double sq(double x) {
        return x * x;
    }
}

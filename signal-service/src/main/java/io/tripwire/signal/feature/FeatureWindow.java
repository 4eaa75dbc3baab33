package io.tripwire.signal.feature;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The last 21 closes of one symbol and the features over them. Only the window matters (no exponential state),
 * so replaying the same bars, after a restart too, gives the same features. A bar not newer than the last one
 * is a duplicate and ignored.
 */
public final class FeatureWindow {

    /** mom_20 needs 21 closes; rv_5 needs 6, rsi_14 15. */
    public static final int SIZE = 21;

    private final ArrayDeque<Double> closes = new ArrayDeque<>(SIZE);
    private Instant lastTs;

    /** Adds a bar; false (nothing changes) when it is not newer than the last one. */
    public synchronized boolean add(Instant ts, double close) {
        if (lastTs != null && !ts.isAfter(lastTs)) {
            return false;
        }
        lastTs = ts;
        if (closes.size() == SIZE) {
            closes.removeFirst();
        }
        closes.addLast(close);
        return true;
    }

    public synchronized int size() {
        return closes.size();
    }

    public synchronized Instant lastTs() {
        return lastTs;
    }

    /** mom_20, rv_5, rsi_14 once 21 closes are in; empty while warming up. */
    public synchronized Optional<Map<String, Double>> features() {
        if (closes.size() < SIZE) {
            return Optional.empty();
        }
        double[] c = new double[SIZE];
        Iterator<Double> it = closes.iterator();
        for (int i = 0; i < SIZE; i++) {
            c[i] = it.next();
        }
        Map<String, Double> features = new LinkedHashMap<>();
        features.put(FeatureNames.MOM_20, momentum(c, 20));
        features.put(FeatureNames.RV_5, realizedVolatility(c, 5));
        features.put(FeatureNames.RSI_14, rsi(c, 14));
        return Optional.of(features);
    }

    /** close[last] / close[last - n] - 1. */
    static double momentum(double[] c, int n) {
        int last = c.length - 1;
        return c[last] / c[last - n] - 1.0;
    }

    /** sqrt(Σ ln(c[i] / c[i-1])²) over the last n returns. */
    static double realizedVolatility(double[] c, int n) {
        int last = c.length - 1;
        double sum = 0;
        for (int i = last - n + 1; i <= last; i++) {
            double r = Math.log(c[i] / c[i - 1]);
            sum += r * r;
        }
        return Math.sqrt(sum);
    }

    /** 100 - 100 / (1 + mean gain / mean loss) over the last n changes; 100 without losses, 50 without any change. */
    static double rsi(double[] c, int n) {
        int last = c.length - 1;
        double gains = 0;
        double losses = 0;
        for (int i = last - n + 1; i <= last; i++) {
            double d = c[i] - c[i - 1];
            if (d > 0) {
                gains += d;
            } else {
                losses -= d;
            }
        }
        if (losses == 0) {
            return gains == 0 ? 50.0 : 100.0;
        }
        return 100.0 - 100.0 / (1.0 + (gains / n) / (losses / n));
    }
}

package io.tripwire.signal.feature;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** Rolling feature windows per symbol, fed by {@link BarConsumer} (and rebuilt from {@code md:bars} at start). */
@ApplicationScoped
public class FeatureStore {

    private final Map<String, FeatureWindow> windows = new ConcurrentHashMap<>();

    /** Adds a bar; false when it is a duplicate (not newer than the symbol's last bar). */
    public boolean add(Bar bar) {
        return windows.computeIfAbsent(bar.symbol(), s -> new FeatureWindow()).add(bar.ts(), bar.close());
    }

    public Optional<FeatureWindow> window(String symbol) {
        return Optional.ofNullable(windows.get(symbol));
    }

    public Optional<Map<String, Double>> features(String symbol) {
        return window(symbol).flatMap(FeatureWindow::features);
    }

    public Set<String> symbols() {
        return new TreeSet<>(windows.keySet());
    }

    /** Forgets every window (a rebuild starts from this). */
    public void clear() {
        windows.clear();
    }
}

package io.tripwire.signal.model;

import io.tripwire.controlplane.artifact.ArtifactState;
import java.util.List;
import java.util.Map;

/**
 * A logistic model loaded from a hash-verified APPROVED/ACTIVE artifact:
 * {@code prob_long = 1 / (1 + e^-(bias + Σ weight_f × feature_f))}, {@code prob_short = 1 - prob_long}.
 */
public record LoadedModel(long artifact, String artifactId, String strategyName, ArtifactState state,
                          Map<String, Double> weights, double bias, List<String> symbols,
                          io.tripwire.signal.trade.Sizing sizing) {

    public LoadedModel {
        weights = Map.copyOf(weights);
        symbols = List.copyOf(symbols);
        sizing = sizing == null ? io.tripwire.signal.trade.Sizing.NONE : sizing;
    }

    /** Every weighted feature must be present (the caller checks); returns prob_long. */
    public double probabilityLong(Map<String, Double> features) {
        double z = bias;
        for (Map.Entry<String, Double> w : weights.entrySet()) {
            z += w.getValue() * features.get(w.getKey());
        }
        return 1.0 / (1.0 + Math.exp(-z));
    }
}

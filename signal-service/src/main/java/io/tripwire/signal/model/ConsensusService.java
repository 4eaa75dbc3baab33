package io.tripwire.signal.model;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tripwire.signal.SignalConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Runs the loaded model of a symbol over features; counts every answer by source and outcome. */
@ApplicationScoped
public class ConsensusService {

    private final ModelRegistry models;
    private final SignalConfig config;
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public ConsensusService(ModelRegistry models, SignalConfig config, MeterRegistry registry) {
        this.models = models;
        this.config = config;
        this.registry = registry;
    }

    public Optional<LoadedModel> model(String symbol) {
        return models.forSymbol(symbol);
    }

    /** Every feature the model weighs must be in {@code features}. */
    public Decision decide(LoadedModel model, Map<String, Double> features) {
        return Decision.of(model.probabilityLong(features), config.confidenceThreshold(), config.consensus().directionProbability(),
                model.artifactId());
    }

    /** signal_service_signals_total{source=api|bar, outcome=allowed|low_confidence|flat|no_model|warming_up|invalid}. */
    public void count(String source, String outcome) {
        counters.computeIfAbsent(source + "|" + outcome, k -> Counter.builder("signal_service_signals")
                .description("Consensus answers and bar decisions by source and outcome")
                .tag("source", source).tag("outcome", outcome).register(registry)).increment();
    }
}

package io.tripwire.signal.model;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.alert.Alert;
import io.tripwire.controlplane.alert.AlertPublisher;
import io.tripwire.controlplane.alert.Severity;
import io.tripwire.signal.artifact.Artifact;
import io.tripwire.signal.artifact.ArtifactChanges;
import io.tripwire.signal.artifact.ArtifactPayload;
import io.tripwire.signal.artifact.ArtifactRepository;
import io.tripwire.signal.web.FieldErrors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The models this replica may use: every APPROVED/ACTIVE artifact whose hash still matches its row and whose
 * payload is a valid model. Loaded at start, reloaded when {@code artifacts:changed} says something changed and
 * every {@code signal.artifacts.refresh-interval} as a safety net. A tampered (hash mismatch) or unreadable
 * artifact is never used: it is skipped and a CRITICAL alert is raised (once per artifact and stored hash).
 * For a symbol the ACTIVE artifact wins over an APPROVED one, then the newest.
 */
@ApplicationScoped
public class ModelRegistry {

    private static final Comparator<LoadedModel> PREFERENCE = Comparator
            .comparing((LoadedModel m) -> m.state() == io.tripwire.controlplane.artifact.ArtifactState.ACTIVE ? 0 : 1)
            .thenComparing(LoadedModel::artifact, Comparator.reverseOrder());

    private final ArtifactRepository repository;
    private final AlertPublisher alerts;
    private final ReactiveRedisDataSource redis;
    private final ArtifactChanges changes;
    private final Clock clock;
    private final AtomicLong requested = new AtomicLong();
    private final Set<String> alerted = ConcurrentHashMap.newKeySet();
    private long applied;
    private volatile Map<String, List<LoadedModel>> bySymbol = Map.of();
    private volatile int loaded;
    private volatile boolean ready;

    public ModelRegistry(ArtifactRepository repository, AlertPublisher alerts, ReactiveRedisDataSource redis, ArtifactChanges changes,
                         Clock clock, MeterRegistry registry) {
        this.repository = repository;
        this.alerts = alerts;
        this.redis = redis;
        this.changes = changes;
        this.clock = clock;
        Gauge.builder("signal_service_models_loaded", this, r -> r.loaded)
                .description("Hash-verified APPROVED/ACTIVE artifacts this replica can use").register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        redis.pubsub(String.class)
                .subscribe(changes.channel(), message -> {
                    Log.infof("artifact change %s: reloading models", message);
                    reload().subscribe().with(n -> { }, e -> Log.warnf("model reload failed: %s", e.getMessage()));
                })
                .subscribe().with(s -> Log.debugf("listening on %s", changes.channel()),
                        e -> Log.warnf("cannot subscribe to %s (the periodic reload still applies changes): %s",
                                changes.channel(), e.getMessage()));
        try {
            reload().await().atMost(Duration.ofSeconds(15));
        } catch (RuntimeException e) {
            Log.errorf("models not loaded at start (consensus answers 503 until a reload succeeds): %s", e.getMessage());
        }
    }

    @Scheduled(every = "${signal.artifacts.refresh-interval:5s}", delayed = "${signal.artifacts.refresh-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "signal-model-refresh")
    Uni<Void> refresh() {
        return reload().onFailure().invoke(e -> Log.warnf("periodic model reload failed: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Reads the usable artifacts and swaps the loaded set; a later reload's result never loses to an earlier one. */
    public Uni<Integer> reload() {
        long generation = requested.incrementAndGet();
        return repository.usable().chain(rows -> {
            List<LoadedModel> models = new ArrayList<>();
            List<Uni<String>> raised = new ArrayList<>();
            for (Artifact a : rows) {
                verify(a, raised).ifPresent(models::add);
            }
            swap(generation, models);
            return raised.isEmpty() ? Uni.createFrom().item(models.size())
                    : Uni.join().all(raised).andCollectFailures().replaceWith(models.size());
        });
    }

    /** The model to use for a symbol, or empty when none is loaded for it. */
    public Optional<LoadedModel> forSymbol(String symbol) {
        List<LoadedModel> models = bySymbol.get(symbol);
        return models == null || models.isEmpty() ? Optional.empty() : Optional.of(models.get(0));
    }

    /** Every symbol a loaded model trades. */
    public java.util.Set<String> symbols() {
        return bySymbol.keySet();
    }

    public boolean ready() {
        return ready;
    }

    public int loadedCount() {
        return loaded;
    }

    private synchronized void swap(long generation, List<LoadedModel> models) {
        if (generation < applied) {
            return;
        }
        applied = generation;
        Map<String, List<LoadedModel>> index = new HashMap<>();
        for (LoadedModel m : models) {
            for (String symbol : m.symbols()) {
                index.computeIfAbsent(symbol, s -> new ArrayList<>()).add(m);
            }
        }
        index.values().forEach(list -> list.sort(PREFERENCE));
        index.replaceAll((s, list) -> List.copyOf(list));
        bySymbol = Map.copyOf(index);
        loaded = models.size();
        ready = true;
    }

    private Optional<LoadedModel> verify(Artifact a, List<Uni<String>> raised) {
        String problem;
        ArtifactPayload payload = null;
        try {
            String computed = a.computedHash();
            if (!computed.equals(a.hash())) {
                problem = "hash mismatch: stored " + a.hash() + ", computed " + computed;
            } else {
                FieldErrors errors = new FieldErrors();
                payload = ArtifactPayload.read(a.payload(), errors);
                problem = payload == null ? "payload is not a valid model" : null;
            }
        } catch (IllegalArgumentException e) {
            problem = "payload is not readable JSON: " + e.getMessage();
        }
        if (problem == null) {
            return Optional.of(new LoadedModel(a.id(), a.artifactId(), a.strategyName(), a.state(), payload.weights(), payload.bias(),
                    payload.symbols(), io.tripwire.signal.trade.Sizing.read(a.payload().get("sizing"))));
        }
        String once = a.artifactId() + "|" + a.hash();
        if (alerted.add(once)) {
            Log.errorf("artifact %s (%s, %s) REFUSED at load, never used: %s", a.artifactId(), a.strategyName(), a.state(), problem);
            raised.add(alerts.publish(new Alert(Severity.CRITICAL, "signal-service",
                    "strategy artifact " + a.artifactId() + " refused at load: " + problem,
                    Map.of("artifact_id", a.artifactId(), "strategy_name", a.strategyName(), "state", a.state().name(),
                            "stored_hash", a.hash(), "problem", problem),
                    "artifact-integrity:" + a.artifactId(), false, clock.instant())));
        }
        return Optional.empty();
    }
}

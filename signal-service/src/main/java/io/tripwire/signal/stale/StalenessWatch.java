package io.tripwire.signal.stale;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.alert.Alert;
import io.tripwire.controlplane.alert.AlertPublisher;
import io.tripwire.controlplane.alert.Severity;
import io.tripwire.signal.SignalConfig;
import io.tripwire.signal.feature.FeatureStore;
import io.tripwire.signal.feature.FeatureWindow;
import io.tripwire.signal.model.ModelRegistry;
import io.tripwire.signal.trade.GatewayClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Data staleness (DESIGN.md §5, ADR 0044): every {@code signal.stale-check-interval}, each symbol a loaded model
 * trades whose last bar is older than {@code signal.stale-after} (a symbol with no bar since this service started
 * counts from the start) trips the breaker with {@code DATA_STALE} through the gateway's trip API, and a CRITICAL
 * alert ({@code dedup_key data-stale:{SYMBOL}}) is raised once; a failed trip call is retried on every check. When
 * bars come back, the alert is resolved (the breaker stays TRIPPED until an operator resets it).
 */
@ApplicationScoped
public class StalenessWatch {

    private final ModelRegistry models;
    private final FeatureStore features;
    private final GatewayClient gateway;
    private final AlertPublisher alerts;
    private final Duration staleAfter;
    private final Clock clock;
    private final Instant startedAt;
    private final Set<String> tripped = ConcurrentHashMap.newKeySet();
    private final Set<String> alerted = ConcurrentHashMap.newKeySet();

    public StalenessWatch(ModelRegistry models, FeatureStore features, GatewayClient gateway, AlertPublisher alerts,
                          SignalConfig config, Clock clock) {
        this.models = models;
        this.features = features;
        this.gateway = gateway;
        this.alerts = alerts;
        this.staleAfter = config.staleAfter();
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    @Scheduled(every = "${signal.stale-check-interval:1s}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "signal-data-staleness")
    Uni<Void> scheduled() {
        return check().onFailure().invoke(e -> Log.warnf("data-staleness check failed: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One check; returns the symbols newly tripped for. */
    public Uni<Set<String>> check() {
        if (!models.ready()) {
            return Uni.createFrom().item(Set.of());
        }
        Instant now = clock.instant();
        Map<String, Duration> stale = new TreeMap<>();
        for (String symbol : models.symbols()) {
            Instant last = features.window(symbol).map(FeatureWindow::lastTs).orElse(null);
            Instant reference = last == null || last.isBefore(startedAt) ? startedAt : last;
            Duration age = Duration.between(reference, now);
            if (age.compareTo(staleAfter) > 0) {
                stale.put(symbol, age);
            } else if (tripped.remove(symbol) | alerted.remove(symbol)) {
                Log.infof("md:bars for %s fresh again", symbol);
                alerts.publish(alert(symbol, age, true, now)).subscribe().with(id -> { }, e -> { });
            }
        }
        stale.keySet().removeAll(tripped);
        if (stale.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return trip(stale, now);
    }

    private Uni<Set<String>> trip(Map<String, Duration> stale, Instant now) {
        Duration oldest = stale.values().stream().max(Duration::compareTo).orElseThrow();
        Map<String, Object> body = Map.of("code", "DATA_STALE", "acknowledged", true,
                "reason", "market data stale: no bar for " + String.join(", ", stale.keySet()) + " in over "
                        + staleAfter.toSeconds() + " s (signal-service)",
                "threshold_value", BigDecimal.valueOf(staleAfter.toMillis(), 3),
                "actual_value", BigDecimal.valueOf(oldest.toMillis(), 3));
        return gateway.post("/api/v1/circuit-breaker/trip", body).chain(answer -> {
            boolean ok = answer.ok();
            if (ok) {
                tripped.addAll(stale.keySet());
                Log.errorf("DATA_STALE: breaker tripped through the gateway for %s", stale.keySet());
            } else {
                Log.errorf("DATA_STALE for %s but the trip call failed (%d %s %s): retried next check", stale.keySet(),
                        answer.status(), answer.code(), answer.problem() == null ? "" : answer.problem());
            }
            Uni<Void> raised = Uni.createFrom().voidItem();
            for (Map.Entry<String, Duration> e : stale.entrySet()) {
                if (!alerted.add(e.getKey())) {
                    continue; // one alert per stale episode; the trip is retried silently
                }
                Alert alert = alert(e.getKey(), e.getValue(), false, now);
                Alert withOutcome = new Alert(alert.severity(), alert.source(), alert.summary()
                        + (ok ? "; breaker TRIPPED" : "; breaker trip FAILED (" + answer.code() + "), retrying"),
                        alert.details(), alert.dedupKey(), false, now);
                raised = raised.chain(() -> alerts.publish(withOutcome).replaceWithVoid());
            }
            return raised.onFailure().recoverWithNull().replaceWith(ok ? Set.copyOf(stale.keySet()) : Set.<String>of());
        });
    }

    private Alert alert(String symbol, Duration age, boolean resolved, Instant now) {
        String summary = resolved ? "market data for " + symbol + " is fresh again"
                : "market data for " + symbol + " is stale: last bar " + age.toSeconds() + " s ago (limit "
                        + staleAfter.toSeconds() + " s)";
        return new Alert(resolved ? Severity.INFO : Severity.CRITICAL, "signal-service", summary,
                Map.of("symbol", symbol, "age_seconds", age.toSeconds(), "stale_after_seconds", staleAfter.toSeconds()),
                "data-stale:" + symbol, resolved, now);
    }
}

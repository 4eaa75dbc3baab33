package io.tripwire.gateway.riskconfig;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.tripwire.controlplane.riskconfig.ConfigOverlay;
import io.tripwire.controlplane.riskconfig.LiveRiskConfig;
import io.tripwire.controlplane.riskconfig.RiskSettings;
import io.tripwire.gateway.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;

/**
 * The gateway's risk limits in force now: its own settings ({@code gateway.risk.*}, {@code gateway.breaker.*},
 * {@code gateway.rate-limits.*}) with the PostgreSQL risk configuration laid over them (issue 11, ADR 0037).
 * Admission, the automatic-trip evaluation and resets read them per decision, so a change applies to the
 * next order without a restart (pub/sub within milliseconds, the periodic reload within its interval).
 */
@ApplicationScoped
public class LiveLimits {

    private record Snapshot(RiskSettings settings, GatewayConfig.Risk risk, GatewayConfig.Breaker breaker,
                            GatewayConfig.RateLimits rateLimits) {
    }

    private final GatewayConfig config;
    private final LiveRiskConfig live;
    private volatile Snapshot snapshot;

    public LiveLimits(GatewayConfig config, LiveRiskConfig live) {
        this.config = config;
        this.live = live;
    }

    /** Startup only (not a request path): the first order already sees the stored configuration. */
    void onStart(@Observes StartupEvent event) {
        RiskSettings loaded = live.start().await().atMost(Duration.ofSeconds(30));
        Log.infof("risk config version %d in force at start: %s", loaded.version(), loaded.sortedValues());
    }

    public GatewayConfig.Risk risk() {
        return snapshot().risk();
    }

    public GatewayConfig.Breaker breaker() {
        return snapshot().breaker();
    }

    public GatewayConfig.RateLimits rateLimits() {
        return snapshot().rateLimits();
    }

    /** The configuration version these limits come from (0 = the gateway's own settings only). */
    public long version() {
        return snapshot().settings().version();
    }

    private Snapshot snapshot() {
        RiskSettings settings = live.current();
        Snapshot current = snapshot;
        if (current == null || current.settings() != settings) {
            current = new Snapshot(settings,
                    ConfigOverlay.over(GatewayConfig.Risk.class, config.risk(), "gateway.risk.", settings),
                    ConfigOverlay.over(GatewayConfig.Breaker.class, config.breaker(), "gateway.breaker.", settings),
                    ConfigOverlay.over(GatewayConfig.RateLimits.class, config.rateLimits(), "gateway.rate-limits.", settings));
            snapshot = current;
        }
        return current;
    }
}

package io.tripwire.console.upstream;

import io.tripwire.console.ConsoleConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;

/** The health monitor's summary (docs/services/health-monitor.md), read with scope {@code orders:read}. */
@ApplicationScoped
public class HealthMonitorClient {

    private final UpstreamClient client;
    private final URI base;

    public HealthMonitorClient(UpstreamClient client, ConsoleConfig config) {
        this.client = client;
        this.base = config.healthMonitorUrl();
    }

    public UpstreamResponse summary() {
        return client.get(base, "/api/v1/health/summary");
    }
}

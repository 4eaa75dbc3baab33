package io.tripwire.console.upstream;

import io.tripwire.console.ConsoleConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** The execution gateway's breaker, kill-switch and status endpoints (docs/services/execution-gateway.md). */
@ApplicationScoped
public class GatewayClient {

    private final UpstreamClient client;
    private final URI base;

    public GatewayClient(UpstreamClient client, ConsoleConfig config) {
        this.client = client;
        this.base = config.gatewayUrl();
    }

    public UpstreamResponse breaker() {
        return client.get(base, "/api/v1/circuit-breaker");
    }

    public UpstreamResponse breakerHistory(int limit) {
        return client.get(base, "/api/v1/circuit-breaker/history?limit=" + limit);
    }

    public UpstreamResponse trip(String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", reason);
        body.put("acknowledged", true);
        return client.post(base, "/api/v1/circuit-breaker/trip", body);
    }

    public UpstreamResponse reset(String reason) {
        return client.post(base, "/api/v1/circuit-breaker/reset", Map.of("reason", reason, "acknowledged", true));
    }

    public UpstreamResponse killSwitch() {
        return client.get(base, "/api/v1/kill-switch");
    }

    public UpstreamResponse activateKillSwitch(String mode, String reason) {
        return client.post(base, "/api/v1/kill-switch", Map.of("mode", mode, "reason", reason));
    }

    public UpstreamResponse deactivateKillSwitch(String reason) {
        return client.delete(base, "/api/v1/kill-switch", Map.of("reason", reason));
    }

    /** The newest 500 orders ({@code GET /api/v1/orders?status=all}). */
    public UpstreamResponse orders() {
        return client.get(base, "/api/v1/orders?status=all");
    }

    /** The venue's positions with unrealized P&L. */
    public UpstreamResponse positions() {
        return client.get(base, "/api/v1/positions");
    }

    public UpstreamResponse status() {
        return client.get(base, "/api/v1/status");
    }
}

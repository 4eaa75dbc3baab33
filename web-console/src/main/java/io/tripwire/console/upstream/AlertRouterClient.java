package io.tripwire.console.upstream;

import io.tripwire.console.ConsoleConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Map;

/**
 * The alert router's rules, deliveries and poison-queue retry (docs/services/alert-router.md), called with the
 * console's service key (scope {@code alerts:admin}).
 */
@ApplicationScoped
public class AlertRouterClient {

    private final UpstreamClient client;
    private final URI base;

    public AlertRouterClient(UpstreamClient client, ConsoleConfig config) {
        this.client = client;
        this.base = config.alertRouterUrl();
    }

    public UpstreamResponse rules() {
        return client.get(base, "/api/v1/rules");
    }

    public UpstreamResponse createRule(Map<String, Object> rule) {
        return client.post(base, "/api/v1/rules", rule);
    }

    public UpstreamResponse replaceRule(long id, Map<String, Object> rule) {
        return client.put(base, "/api/v1/rules/" + id, rule);
    }

    /** Deliveries, newest first; {@code status} null for every status. */
    public UpstreamResponse deliveries(String status, int limit) {
        return client.get(base, "/api/v1/deliveries?limit=" + limit + (status == null ? "" : "&status=" + status));
    }

    public UpstreamResponse retry(long deliveryId, String reason) {
        return client.post(base, "/api/v1/deliveries/" + deliveryId + "/retry", Map.of("reason", reason));
    }
}

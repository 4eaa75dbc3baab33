package io.tripwire.healthmonitor.check;

import io.smallrye.mutiny.Uni;
import io.tripwire.healthmonitor.config.HealthMonitorConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Quarkus service: GET {@code /q/health/ready} and {@code /q/health/live} in parallel. Not ready (refused, no
 * answer in time, 503, anything but 200 UP) is UNHEALTHY; ready but not live, or ready slower than the
 * degraded latency, is DEGRADED.
 */
final class ServiceCheck implements ComponentCheck {

    private final String name;
    private final String baseUrl;
    private final WebClient client;
    private final HealthMonitorConfig config;

    ServiceCheck(String name, URI baseUrl, WebClient client, HealthMonitorConfig config) {
        this.name = name;
        String url = baseUrl.toString();
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.client = client;
        this.config = config;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String kind() {
        return "service";
    }

    @Override
    public Uni<Observation> check() {
        return Uni.combine().all().unis(probe("/q/health/ready"), probe("/q/health/live")).asTuple()
                .map(both -> verdict(both.getItem1(), both.getItem2()));
    }

    private Observation verdict(Probe ready, Probe live) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("url", baseUrl);
        details.put("ready_http_status", ready.httpStatus());
        details.put("live_http_status", live.httpStatus());
        details.put("ready_latency_ms", ready.latencyMs());
        details.put("live_latency_ms", live.latencyMs());
        long slow = config.degradedLatency().toMillis();
        ComponentStatus status;
        String message;
        if (!ready.up()) {
            status = ComponentStatus.UNHEALTHY;
            message = "not ready: " + ready.problem();
        } else if (!live.up()) {
            status = ComponentStatus.DEGRADED;
            message = "ready, but liveness failing: " + live.problem();
        } else if (ready.latencyMs() > slow) {
            status = ComponentStatus.DEGRADED;
            message = "ready in " + ready.latencyMs() + " ms (slower than " + slow + " ms)";
        } else {
            status = ComponentStatus.HEALTHY;
            message = "ready in " + ready.latencyMs() + " ms";
        }
        return new Observation(status, ready.latencyMs(), message, details);
    }

    private Uni<Probe> probe(String path) {
        long start = System.nanoTime();
        return client.getAbs(baseUrl + path).timeout(config.timeout().toMillis()).send()
                .map(response -> Probe.of(response, elapsedMs(start)))
                .onFailure().recoverWithItem(e -> new Probe(false, 0, Failures.describe(e, config.timeout()), elapsedMs(start)));
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** One answer of a health endpoint; {@code httpStatus} 0 when there was no answer. */
    private record Probe(boolean up, int httpStatus, String problem, long latencyMs) {

        static Probe of(HttpResponse<Buffer> response, long latencyMs) {
            JsonObject body = json(response);
            String status = body == null ? null : body.getString("status");
            boolean up = response.statusCode() == 200 && "UP".equals(status);
            if (up) {
                return new Probe(true, 200, null, latencyMs);
            }
            List<String> down = new ArrayList<>();
            JsonArray checks = body == null ? null : body.getJsonArray("checks");
            if (checks != null) {
                for (int i = 0; i < checks.size(); i++) {
                    JsonObject check = checks.getJsonObject(i);
                    if (check != null && !"UP".equals(check.getString("status"))) {
                        down.add(check.getString("name"));
                    }
                }
            }
            String problem = "HTTP " + response.statusCode() + (status == null ? "" : " " + status)
                    + (down.isEmpty() ? "" : " (down: " + String.join(", ", down) + ")");
            return new Probe(false, response.statusCode(), problem, latencyMs);
        }

        private static JsonObject json(HttpResponse<Buffer> response) {
            try {
                return response.bodyAsJsonObject();
            } catch (RuntimeException e) {
                return null;
            }
        }
    }
}

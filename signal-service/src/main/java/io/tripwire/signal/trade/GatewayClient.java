package io.tripwire.signal.trade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.state.StateCodec;
import io.tripwire.signal.SignalConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;

/**
 * Asynchronous JSON calls to the execution gateway with the signal service's own API key
 * ({@code signal.api-key-file}, read on every call, else {@code signal.api-key}). Never throws: an unreachable
 * gateway or a missing key is a {@link Answer} with status 0.
 */
@ApplicationScoped
public class GatewayClient {

    /** Status 0: nothing answered (or no key); {@code body} is the gateway's JSON (missing when none). */
    public record Answer(int status, JsonNode body, String problem) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public String code() {
            return status == 0 ? "GATEWAY_UNREACHABLE" : body.path("code").asText(ok() ? "OK" : "HTTP_" + status);
        }
    }

    private final HttpClient http;
    private final SignalConfig config;
    private final Duration timeout;

    public GatewayClient(SignalConfig config) {
        this.config = config;
        this.timeout = config.orders().gatewayTimeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    public Uni<Answer> post(String path, Object body) {
        Optional<String> key = key();
        if (key.isEmpty()) {
            return Uni.createFrom().item(new Answer(0, MissingNode.getInstance(),
                    "no API key for the gateway (signal.api-key-file / signal.api-key)"));
        }
        URI uri = URI.create(config.gatewayUrl().toString().replaceAll("/+$", "") + path);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Authorization", "Bearer " + key.get()).header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(StateCodec.encode(body))).build();
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        Uni<HttpResponse<String>> sent = Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        if (context != null) { // continue on the caller's Vert.x context, not on the HTTP client's pool
            sent = sent.emitOn(task -> context.runOnContext(ignored -> task.run()));
        }
        return sent
                .map(r -> new Answer(r.statusCode(), parse(r.body()), null))
                .onFailure().recoverWithItem(e -> new Answer(0, MissingNode.getInstance(),
                        config.gatewayUrl() + " did not answer: " + e.getClass().getSimpleName()));
    }

    private Optional<String> key() {
        if (config.apiKeyFile().isPresent()) {
            try {
                String k = Files.readString(config.apiKeyFile().get()).trim();
                return k.isEmpty() ? Optional.empty() : Optional.of(k);
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return config.apiKey().map(String::trim).filter(k -> !k.isEmpty());
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return StateCodec.mapper().readTree(body);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }
}

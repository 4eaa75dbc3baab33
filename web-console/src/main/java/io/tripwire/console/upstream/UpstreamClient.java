package io.tripwire.console.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.tripwire.console.web.ConsoleWebConfig;
import io.tripwire.controlplane.state.StateCodec;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Blocking JSON calls to another Tripwire service with the console's service key (the page resources run
 * on worker threads). Never throws for an unreachable service or a non-2xx answer: the page shows it.
 */
@ApplicationScoped
public class UpstreamClient {

    private final HttpClient http;
    private final ServiceKey key;
    private final Duration timeout;

    public UpstreamClient(ServiceKey key, ConsoleWebConfig config) {
        this.key = key;
        this.timeout = config.upstreamTimeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    public UpstreamResponse get(URI base, String path) {
        return send(base, path, "GET", null);
    }

    public UpstreamResponse post(URI base, String path, Object body) {
        return send(base, path, "POST", body);
    }

    public UpstreamResponse put(URI base, String path, Object body) {
        return send(base, path, "PUT", body);
    }

    public UpstreamResponse delete(URI base, String path, Object body) {
        return send(base, path, "DELETE", body);
    }

    private UpstreamResponse send(URI base, String path, String method, Object body) {
        Optional<String> apiKey = key.current();
        if (apiKey.isEmpty()) {
            return UpstreamResponse.unreachable("the console has no service API key: " + key.source());
        }
        URI uri = URI.create(base.toString().replaceAll("/+$", "") + path);
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(StateCodec.encode(body));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Authorization", "Bearer " + apiKey.get())
                .header("Accept", "application/json")
                .method(method, publisher);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new UpstreamResponse(response.statusCode(), parse(response.body()),
                    response.headers().firstValue("Retry-After"), null);
        } catch (IOException e) {
            return UpstreamResponse.unreachable(base + " did not answer: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UpstreamResponse.unreachable("interrupted");
        }
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

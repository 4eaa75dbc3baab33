package io.tripwire.cli.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tripwire.cli.CliFailure;
import io.tripwire.cli.ExitCodes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.GeneralSecurityException;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

/**
 * The CLI's calls to a Tripwire service: JDK {@link HttpClient} + Jackson, the stored API key as Bearer.
 * Every failure becomes a {@link CliFailure} with one readable line: unreachable (exit 4), key or scope
 * refused (exit 3), any other refusal with the service's reject code and message (exit 1).
 */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Endpoint endpoint;
    private final String key;
    private final HttpClient http;

    public ApiClient(Endpoint endpoint) {
        this.endpoint = endpoint;
        this.key = ApiKeyFile.read(endpoint.keyFile());
        this.http = client(endpoint);
    }

    /**
     * A plain-http target never does TLS: giving the client an empty TLS context and parameters spares it
     * loading the default trust store and cipher suites, about a third of a CLI run's start-up.
     */
    private static HttpClient client(Endpoint endpoint) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(endpoint.timeout());
        if ("http".equalsIgnoreCase(endpoint.url().getScheme())) {
            try {
                SSLContext none = SSLContext.getInstance("TLS");
                none.init(new KeyManager[0], new TrustManager[0], null);
                builder.sslContext(none).sslParameters(new SSLParameters());
            } catch (GeneralSecurityException e) {
                // keep the JDK defaults: slower to start, same behaviour
            }
        }
        return builder.build();
    }

    public String getText(String path) {
        return send(request(path, "text/plain").GET()).body();
    }

    public JsonNode get(String path) {
        return json(send(request(path, "application/json").GET()).body());
    }

    public JsonNode post(String path, Object body) {
        return json(send(request(path, "application/json").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body)))).body());
    }

    public JsonNode delete(String path) {
        return json(send(request(path, "application/json").DELETE()).body());
    }

    /** Binds an answer to a record (unknown fields ignored). */
    public static <T> T read(JsonNode node, Class<T> type) {
        try {
            return JSON.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new CliFailure(ExitCodes.FAILURE, "unexpected answer: " + e.getOriginalMessage());
        }
    }

    private HttpRequest.Builder request(String path, String accept) {
        URI uri;
        try {
            uri = URI.create(endpoint.url().toString().replaceAll("/+$", "") + path);
            return HttpRequest.newBuilder(uri).timeout(endpoint.timeout())
                    .header("Authorization", "Bearer " + key).header("Accept", accept);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCodes.USAGE, endpoint.service() + " URL " + endpoint.url() + " is not usable: "
                    + CliFailure.rootMessage(e));
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            throw unreachable("no connection within " + endpoint.timeout().toSeconds() + " s");
        } catch (HttpTimeoutException e) {
            throw new CliFailure(ExitCodes.UNREACHABLE, endpoint.service() + " " + endpoint.url()
                    + " did not answer within " + endpoint.timeout().toSeconds() + " s");
        } catch (IOException e) {
            throw unreachable(why(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCodes.FAILURE, "interrupted");
        }
        if (response.statusCode() >= 400) {
            throw refused(request, response);
        }
        return response;
    }

    /** The JDK client's connect failures carry no message: name them. */
    private static String why(IOException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.nio.channels.UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return "unknown host";
            }
        }
        String root = CliFailure.rootMessage(failure);
        return failure instanceof java.net.ConnectException && root.equals(failure.getClass().getSimpleName())
                ? "Connection refused" : root;
    }

    private CliFailure unreachable(String why) {
        return new CliFailure(ExitCodes.UNREACHABLE, endpoint.service() + " " + endpoint.url() + " unreachable: " + why
                + " (is the stack running? make ps)");
    }

    private CliFailure refused(HttpRequest request, HttpResponse<String> response) {
        int status = response.statusCode();
        String message = endpoint.service() + " refused " + request.method() + " " + request.uri().getPath()
                + " (HTTP " + status + reason(response) + ")";
        if (status == 401) {
            return new CliFailure(ExitCodes.REFUSED, message + "; the key in " + endpoint.keyFile()
                    + " is not accepted: run `tripwire bootstrap` for a fresh key");
        }
        if (status == 403) {
            return new CliFailure(ExitCodes.REFUSED, message + "; the key in " + endpoint.keyFile() + " lacks the scope");
        }
        return new CliFailure(ExitCodes.FAILURE, message);
    }

    /** ": CODE message" from the Tripwire reject body (plus Retry-After), or "" when the body is something else. */
    private static String reason(HttpResponse<String> response) {
        String retry = response.headers().firstValue("Retry-After").map(s -> ", retry after " + s + " s").orElse("");
        try {
            JsonNode body = JSON.readTree(response.body());
            if (body != null && body.hasNonNull("code")) {
                return ": " + body.path("code").asText() + " " + body.path("message").asText() + retry;
            }
        } catch (IOException notJson) {
            // fall through: a proxy or a non-Tripwire server answered
        }
        return retry;
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.FAILURE, "answer is not JSON: " + CliFailure.rootMessage(e));
        }
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode request body", e);
        }
    }
}

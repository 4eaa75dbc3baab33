package io.tripwire.cli.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * One call to the gateway for a command: reads the key file, builds the client, and turns every outcome
 * into a message and an exit code (0 ok, 1 refused by a rule, 3 key refused, 4 unreachable).
 */
public final class GatewayCall {

    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int KEY_REFUSED = 3;
    public static final int UNREACHABLE = 4;

    private static final ObjectMapper JSON = new ObjectMapper();

    private GatewayCall() {
    }

    /** Calls the gateway; on success {@code onAnswer} prints and returns the exit code. */
    public static int run(String command, GatewayOptions options, PrintWriter err,
                          BiFunction<GatewayApi, String, String> call, AnswerHandler onAnswer) {
        String key;
        try {
            key = Files.isRegularFile(options.keyFile) ? Files.readString(options.keyFile).trim() : "";
        } catch (IOException e) {
            err.printf("%s: cannot read %s: %s%n", command, options.keyFile, e.getMessage());
            return FAILURE;
        }
        if (key.isEmpty()) {
            err.printf("%s: no API key in %s; run `tripwire bootstrap` (or `make run`) first%n", command, options.keyFile);
            return FAILURE;
        }
        try (GatewayApi api = QuarkusRestClientBuilder.newBuilder().baseUri(options.gatewayUrl)
                .connectTimeout(options.timeoutSeconds, TimeUnit.SECONDS)
                .readTimeout(options.timeoutSeconds, TimeUnit.SECONDS)
                .build(GatewayApi.class)) {
            return onAnswer.handle(call.apply(api, "Bearer " + key));
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            String reason = reason(e);
            err.printf("%s: the gateway refused (HTTP %d)%s%n", command, status, reason);
            return status == 401 || status == 403 ? KEY_REFUSED : FAILURE;
        } catch (ProcessingException e) {
            err.printf("%s: cannot reach %s: %s. Is the stack running? (make ps)%n", command, options.gatewayUrl, root(e));
            return UNREACHABLE;
        } catch (IOException e) {
            err.printf("%s: unreadable answer from the gateway: %s%n", command, e.getMessage());
            return FAILURE;
        }
    }

    /** Prints what an answer means and returns the exit code. */
    @FunctionalInterface
    public interface AnswerHandler {
        int handle(String body) throws IOException;
    }

    public static JsonNode json(String body) throws IOException {
        return JSON.readTree(body);
    }

    /** The elements of a JSON array of strings, comma separated. */
    public static String texts(JsonNode array) {
        java.util.List<String> values = new java.util.ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return String.join(", ", values);
    }

    /** ": CODE message" from the Tripwire reject body, with Retry-After when the gateway sent one. */
    private static String reason(WebApplicationException e) {
        try {
            JsonNode body = JSON.readTree(e.getResponse().readEntity(String.class));
            String retry = e.getResponse().getHeaderString("Retry-After");
            return ": " + body.path("code").asText() + " " + body.path("message").asText()
                    + (retry != null ? " (retry after " + retry + " s)" : "");
        } catch (RuntimeException | IOException notAReject) {
            return "";
        }
    }

    private static String root(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}

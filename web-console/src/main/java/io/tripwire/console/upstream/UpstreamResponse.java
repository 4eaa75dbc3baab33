package io.tripwire.console.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Optional;

/**
 * One answer of the gateway or the health monitor. {@code status} 0 = no answer at all ({@code error}
 * says why). {@code body} is the JSON (a {@link MissingNode} when there was none or it was not JSON).
 */
public record UpstreamResponse(int status, JsonNode body, Optional<String> retryAfter, String error) {

    public static UpstreamResponse unreachable(String error) {
        return new UpstreamResponse(0, MissingNode.getInstance(), Optional.empty(), error);
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** The reject body's {@code code}, or null. */
    public String code() {
        return body.path("code").isTextual() ? body.path("code").asText() : null;
    }

    /** A one-line explanation of a failed call, for the page. */
    public String problem() {
        if (status == 0) {
            return error;
        }
        String message = body.path("message").asText("");
        String code = code();
        return "HTTP " + status + (code == null ? "" : " " + code) + (message.isEmpty() ? "" : ": " + message);
    }
}

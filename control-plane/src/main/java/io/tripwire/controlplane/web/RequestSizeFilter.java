package io.tripwire.controlplane.web;

import io.tripwire.controlplane.config.ControlPlaneConfig;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.reject.RejectException;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a declared body over {@code tripwire.http.max-body-bytes} as bad input (400 with the reject
 * body) before it is read. Chunked bodies are still bounded by {@code quarkus.http.limits.max-body-size}.
 */
public class RequestSizeFilter {

    private final long maxBytes;

    public RequestSizeFilter(ControlPlaneConfig config) {
        this.maxBytes = config.http().maxBodyBytes();
    }

    @ServerRequestFilter(preMatching = true)
    public void limit(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        if (length != null && length.chars().allMatch(Character::isDigit) && length.length() < 19
                && Long.parseLong(length) > maxBytes) {
            throw new RejectException(RejectCode.VALIDATION_FAILED, "request body is too large",
                    Map.of("fields", Map.of("body", "larger than " + maxBytes + " bytes")));
        }
    }
}

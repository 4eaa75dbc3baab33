package io.tripwire.papervenue.alpaca;

import io.tripwire.papervenue.auth.AlpacaPaths;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Alpaca's {@code /v2/orders:by_client_order_id} has a colon in its path. Some HTTP clients send it
 * percent-encoded ({@code %3A}), which would not match the resource; decode it before matching.
 */
public class EncodedColonFilter {

    @ServerRequestFilter(preMatching = true)
    public void decodeColon(ContainerRequestContext request) {
        URI uri = request.getUriInfo().getRequestUri();
        String rawPath = uri.getRawPath();
        if (AlpacaPaths.isAlpaca(rawPath) && (rawPath.contains("%3A") || rawPath.contains("%3a"))) {
            String decoded = rawPath.replace("%3A", ":").replace("%3a", ":");
            request.setRequestUri(UriBuilder.fromUri(uri).replacePath(decoded).build());
        }
    }
}

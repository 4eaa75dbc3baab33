package io.tripwire.cli.gateway;

import io.tripwire.cli.http.ApiClient;
import io.tripwire.cli.http.Endpoint;
import io.tripwire.cli.http.KeyOptions;
import java.net.URI;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where the gateway is and which key to use ({@code CLI_GATEWAY_URL}, {@code CLI_KEY_FILE};
 * {@code scripts/tripwire} sets both per stack).
 */
public class GatewayOptions {

    @Option(names = "--gateway-url", paramLabel = "URL", defaultValue = "${env:CLI_GATEWAY_URL:-http://127.0.0.1:8080}",
            description = "execution gateway base URL (default: $CLI_GATEWAY_URL or ${DEFAULT-VALUE})")
    URI gatewayUrl;

    @Mixin
    KeyOptions key;

    public Endpoint endpoint() {
        return key.endpoint("gateway", gatewayUrl);
    }

    public ApiClient client() {
        return new ApiClient(endpoint());
    }
}

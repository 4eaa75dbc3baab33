package io.tripwire.cli.gateway;

import io.tripwire.cli.http.ApiClient;
import io.tripwire.cli.http.Endpoint;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * Where the gateway is and which key to use ({@code CLI_GATEWAY_URL}, {@code CLI_KEY_FILE};
 * {@code scripts/tripwire} sets both per stack).
 */
public class GatewayOptions {

    @Option(names = "--gateway-url", paramLabel = "URL", defaultValue = "${env:CLI_GATEWAY_URL:-http://127.0.0.1:8080}",
            description = "execution gateway base URL (default: $CLI_GATEWAY_URL or ${DEFAULT-VALUE})")
    URI gatewayUrl;

    @Option(names = "--key-file", paramLabel = "FILE", defaultValue = "${env:CLI_KEY_FILE:-.run/admin.key}",
            description = "file holding the API key (default: $CLI_KEY_FILE or ${DEFAULT-VALUE})")
    Path keyFile;

    @Option(names = "--timeout-seconds", paramLabel = "S", defaultValue = "10",
            description = "connect and read timeout (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    public Endpoint endpoint() {
        return new Endpoint("gateway", gatewayUrl, keyFile, Duration.ofSeconds(timeoutSeconds));
    }

    public ApiClient client() {
        return new ApiClient(endpoint());
    }
}

package io.tripwire.cli.keys;

import io.tripwire.cli.http.ApiClient;
import io.tripwire.cli.http.Endpoint;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * Where the web console's key-admin API is and which key to use ({@code CLI_CONSOLE_URL}, {@code CLI_KEY_FILE};
 * {@code scripts/tripwire} sets both per stack). The key needs scope {@code keys:admin}.
 */
public class ConsoleOptions {

    @Option(names = "--console-url", paramLabel = "URL", defaultValue = "${env:CLI_CONSOLE_URL:-http://127.0.0.1:8085}",
            description = "web console base URL (default: $CLI_CONSOLE_URL or ${DEFAULT-VALUE})")
    URI consoleUrl;

    @Option(names = "--key-file", paramLabel = "FILE", defaultValue = "${env:CLI_KEY_FILE:-.run/admin.key}",
            description = "file holding an API key with scope keys:admin (default: $CLI_KEY_FILE or ${DEFAULT-VALUE})")
    Path keyFile;

    @Option(names = "--timeout-seconds", paramLabel = "S", defaultValue = "10",
            description = "connect and read timeout (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    public ApiClient client() {
        return new ApiClient(new Endpoint("console", consoleUrl, keyFile, Duration.ofSeconds(timeoutSeconds)));
    }
}

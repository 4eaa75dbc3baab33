package io.tripwire.cli.keys;

import io.tripwire.cli.http.ApiClient;
import io.tripwire.cli.http.KeyOptions;
import java.net.URI;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where the web console's key-admin API is and which key to use ({@code CLI_CONSOLE_URL}, {@code CLI_KEY_FILE};
 * {@code scripts/tripwire} sets both per stack). The key needs scope {@code keys:admin}.
 */
public class ConsoleOptions {

    @Option(names = "--console-url", paramLabel = "URL", defaultValue = "${env:CLI_CONSOLE_URL:-http://127.0.0.1:8085}",
            description = "web console base URL (default: $CLI_CONSOLE_URL or ${DEFAULT-VALUE})")
    URI consoleUrl;

    @Mixin
    KeyOptions key;

    public ApiClient client() {
        return new ApiClient(key.endpoint("console", consoleUrl));
    }
}

package io.tripwire.cli.artifacts;

import io.tripwire.cli.http.ApiClient;
import io.tripwire.cli.http.Endpoint;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Where the signal service is and which key to use ({@code CLI_SIGNAL_URL}, {@code CLI_KEY_FILE}). */
public class SignalOptions {

    @Option(names = "--signal-url", paramLabel = "URL", defaultValue = "${env:CLI_SIGNAL_URL:-http://127.0.0.1:8081}",
            description = "signal service base URL (default: $CLI_SIGNAL_URL or ${DEFAULT-VALUE})")
    URI signalUrl;

    @Option(names = "--key-file", paramLabel = "FILE", defaultValue = "${env:CLI_KEY_FILE:-.run/admin.key}",
            description = "file holding the API key, scope artifacts:approve for changes (default: $CLI_KEY_FILE or ${DEFAULT-VALUE})")
    Path keyFile;

    @Option(names = "--timeout-seconds", paramLabel = "S", defaultValue = "10",
            description = "connect and read timeout (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    public ApiClient client() {
        return new ApiClient(new Endpoint("signal-service", signalUrl, keyFile, Duration.ofSeconds(timeoutSeconds)));
    }
}

package io.tripwire.cli.artifacts;

import io.tripwire.cli.http.ApiClient;
import io.tripwire.cli.http.KeyOptions;
import java.net.URI;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where the signal service is and which key to use ({@code CLI_SIGNAL_URL}, {@code CLI_KEY_FILE}). */
public class SignalOptions {

    @Option(names = "--signal-url", paramLabel = "URL", defaultValue = "${env:CLI_SIGNAL_URL:-http://127.0.0.1:8081}",
            description = "signal service base URL (default: $CLI_SIGNAL_URL or ${DEFAULT-VALUE})")
    URI signalUrl;

    @Mixin
    KeyOptions key;

    public ApiClient client() {
        return new ApiClient(key.endpoint("signal-service", signalUrl));
    }
}

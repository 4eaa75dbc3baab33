package io.tripwire.cli.http;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The key and timeout every service client of the CLI takes ({@code CLI_KEY_FILE}; {@code scripts/tripwire}
 * sets it per stack). Mixed into each service's own options, which add the service's URL.
 */
public class KeyOptions {

    @Option(names = "--key-file", paramLabel = "FILE", defaultValue = "${env:CLI_KEY_FILE:-.run/admin.key}",
            description = "file holding the API key (default: $CLI_KEY_FILE or ${DEFAULT-VALUE})")
    Path keyFile;

    @Option(names = "--timeout-seconds", paramLabel = "S", defaultValue = "10",
            description = "connect and read timeout (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    public Endpoint endpoint(String service, URI url) {
        return new Endpoint(service, url, keyFile, Duration.ofSeconds(timeoutSeconds));
    }
}

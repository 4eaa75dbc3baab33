package io.tripwire.cli.http;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/** One Tripwire service the CLI calls: its name in messages, base URL, the key file to use, the timeout. */
public record Endpoint(String service, URI url, Path keyFile, Duration timeout) {
}

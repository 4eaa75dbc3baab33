package io.tripwire.cli;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the {@code tripwire} CLI. Every one can be overridden per run by the matching command
 * option, or by environment ({@code CLI_GATEWAY_URL}, {@code CLI_KEY_FILE}, ...).
 */
@ConfigMapping(prefix = "cli")
public interface CliConfig {

    /** Base URL of the execution gateway the CLI talks to. Default {@code http://127.0.0.1:8080}. */
    @WithDefault("http://127.0.0.1:8080")
    URI gatewayUrl();

    /** File holding the admin API key ({@code twk_...}), mode 600. Default {@code .run/admin.key}. */
    @WithDefault(".run/admin.key")
    Path keyFile();

    /** File holding the bootstrap operator's password, mode 600. Default {@code .run/admin.password}. */
    @WithDefault(".run/admin.password")
    Path passwordFile();

    /** Connect and read timeout of calls to a service. Default 10 s. */
    @WithDefault("10s")
    Duration httpTimeout();
}

package io.tripwire.cli.bootstrap;

import io.quarkus.runtime.Quarkus;
import io.tripwire.cli.CliFailure;
import io.tripwire.cli.ExitCodes;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tripwire bootstrap}: first-run admin operator and admin API key for a dev stack. The one command
 * that needs PostgreSQL: it boots Quarkus (datasource, Flyway, CDI) and runs {@link BootstrapApplication}.
 */
@Command(name = "bootstrap", mixinStandardHelpOptions = true,
        description = {
            "Idempotent first-run setup for dev: admin operator and admin API key (needs PostgreSQL).",
            "Creates operator 'admin' (role ADMIN) when no operator exists, and issues an admin API key",
            "(all scopes, 30 days) when the key file holds no key the database accepts (missing, revoked,",
            "expired, unknown). Secrets go to owner-only (600) files; a second run changes nothing."})
public class BootstrapCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--key-file", paramLabel = "FILE", defaultValue = "${env:CLI_KEY_FILE:-.run/admin.key}",
            description = "API key file (default: $CLI_KEY_FILE or ${DEFAULT-VALUE})")
    Path keyFile;

    @Option(names = "--password-file", paramLabel = "FILE", defaultValue = "${env:CLI_PASSWORD_FILE:-.run/admin.password}",
            description = "admin password file (default: $CLI_PASSWORD_FILE or ${DEFAULT-VALUE})")
    Path passwordFile;

    @Option(names = "--gateway-url", paramLabel = "URL", defaultValue = "${env:CLI_GATEWAY_URL:-http://127.0.0.1:8080}",
            description = "gateway named in the printed usage hint (default: $CLI_GATEWAY_URL or ${DEFAULT-VALUE})")
    URI gatewayUrl;

    @Override
    public Integer call() {
        spec.commandLine().getOut().flush();
        AtomicInteger exit = new AtomicInteger(ExitCodes.FAILURE);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Quarkus.run(BootstrapApplication.class, (code, error) -> {
            exit.set(code);
            failure.set(error);
        }, keyFile.toString(), passwordFile.toString(), gatewayUrl.toString());
        if (failure.get() != null) {
            throw new CliFailure(ExitCodes.FAILURE, "failed to start (bootstrap needs PostgreSQL and its migrations): "
                    + CliFailure.rootMessage(failure.get()).lines().findFirst().orElse(""));
        }
        return exit.get();
    }
}

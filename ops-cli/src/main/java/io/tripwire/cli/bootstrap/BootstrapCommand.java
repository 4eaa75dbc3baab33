package io.tripwire.cli.bootstrap;

import io.quarkus.arc.Unremovable;
import io.tripwire.cli.CliConfig;
import io.tripwire.cli.ExitCodes;
import io.tripwire.cli.bootstrap.BootstrapReport.KeyOutcome;
import io.tripwire.cli.bootstrap.BootstrapReport.OperatorOutcome;
import jakarta.enterprise.context.Dependent;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tripwire bootstrap}: first-run admin operator and admin API key for a dev stack. */
@Dependent
@Unremovable // looked up by picocli through CdiCommandFactory, never injected
@Command(name = "bootstrap", mixinStandardHelpOptions = true,
        description = {
            "Idempotent first-run setup for dev: admin operator and admin API key.",
            "Creates operator 'admin' (role ADMIN) when no operator exists, and issues an admin API key",
            "(all scopes, 30 days) when the key file holds no key the database accepts (missing, revoked,",
            "expired, unknown). Secrets go to owner-only (600) files; a second run changes nothing."})
public class BootstrapCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--key-file", paramLabel = "FILE", description = "API key file (default: cli.key-file, .run/admin.key)")
    Path keyFile;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "admin password file (default: cli.password-file, .run/admin.password)")
    Path passwordFile;

    private final AdminBootstrap bootstrap;
    private final CliConfig config;

    public BootstrapCommand(AdminBootstrap bootstrap, CliConfig config) {
        this.bootstrap = bootstrap;
        this.config = config;
    }

    @Override
    public Integer call() throws Exception {
        Path keys = keyFile != null ? keyFile : config.keyFile();
        Path passwords = passwordFile != null ? passwordFile : config.passwordFile();
        BootstrapReport report = bootstrap.run(keys, passwords);
        print(report, spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    private void print(BootstrapReport report, PrintWriter out) {
        OperatorOutcome operator = report.operator();
        if (operator.created()) {
            out.printf("operator: created '%s' (role ADMIN); password written to %s (mode 600)%n",
                    operator.username(), operator.passwordFile());
        } else {
            out.printf("operator: %d operator(s) exist already; nothing changed%n", operator.existing());
        }
        KeyOutcome key = report.key();
        if (key.issued()) {
            out.printf("api key:  issued %s (all scopes, expires %s) because %s; written to %s (mode 600)%n",
                    key.displayKey(), seconds(key.expiresAt()), key.issuedBecause(), key.keyFile());
        } else {
            out.printf("api key:  %s holds valid key %s (expires %s); nothing changed%n",
                    key.keyFile(), key.displayKey(), seconds(key.expiresAt()));
        }
        out.printf("use it:   curl -H \"Authorization: Bearer $(cat %s)\" %s/api/v1/whoami%n",
                key.keyFile(), config.gatewayUrl());
        out.printf("          scripts/tripwire whoami --key-file %s%n", key.keyFile());
        out.printf("bootstrap: %s%n", report.unchanged() ? "nothing to do" : "done");
    }

    private static Instant seconds(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS);
    }
}

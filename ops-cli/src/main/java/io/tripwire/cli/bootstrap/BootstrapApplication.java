package io.tripwire.cli.bootstrap;

import io.quarkus.arc.Unremovable;
import io.quarkus.runtime.QuarkusApplication;
import io.tripwire.cli.ExitCodes;
import jakarta.enterprise.context.Dependent;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The Quarkus side of {@code tripwire bootstrap}, started by {@link BootstrapCommand} with the already
 * parsed arguments: key file, password file, gateway URL.
 */
@Dependent
@Unremovable // started by Quarkus.run(BootstrapApplication.class), never injected
public class BootstrapApplication implements QuarkusApplication {

    private final AdminBootstrap bootstrap;

    public BootstrapApplication(AdminBootstrap bootstrap) {
        this.bootstrap = bootstrap;
    }

    @Override
    public int run(String... args) throws Exception {
        BootstrapReport report = bootstrap.run(Path.of(args[0]), Path.of(args[1]));
        PrintWriter out = new PrintWriter(System.out, true);
        print(report, out, URI.create(args[2]));
        out.flush();
        return ExitCodes.OK;
    }

    static void print(BootstrapReport report, PrintWriter out, URI gatewayUrl) {
        BootstrapReport.OperatorOutcome operator = report.operator();
        if (operator.created()) {
            out.printf("operator: created '%s' (role ADMIN); password written to %s (mode 600)%n",
                    operator.username(), operator.passwordFile());
        } else {
            out.printf("operator: %d operator(s) exist already; nothing changed%n", operator.existing());
        }
        BootstrapReport.KeyOutcome key = report.key();
        if (key.issued()) {
            out.printf("api key:  issued %s (all scopes, expires %s) because %s; written to %s (mode 600)%n",
                    key.displayKey(), seconds(key.expiresAt()), key.issuedBecause(), key.keyFile());
        } else {
            out.printf("api key:  %s holds valid key %s (expires %s); nothing changed%n",
                    key.keyFile(), key.displayKey(), seconds(key.expiresAt()));
        }
        BootstrapReport.KeyOutcome signal = report.signalKey();
        if (signal.issued()) {
            out.printf("signal key: issued %s (orders:write, orders:read, breaker:trip) because %s; written to %s (mode 600)%n",
                    signal.displayKey(), signal.issuedBecause(), signal.keyFile());
        } else {
            out.printf("signal key: %s holds valid key %s; nothing changed%n", signal.keyFile(), signal.displayKey());
        }
        out.printf("use it:   curl -H \"Authorization: Bearer $(cat %s)\" %s/api/v1/whoami%n", key.keyFile(), gatewayUrl);
        out.printf("          scripts/tripwire whoami --key-file %s%n", key.keyFile());
        out.printf("bootstrap: %s%n", report.unchanged() ? "nothing to do" : "done");
    }

    private static Instant seconds(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS);
    }
}

package io.tripwire.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Runs one {@code tripwire} command line as plain picocli: no Quarkus, no datasource, no Flyway (only
 * {@code bootstrap} starts Quarkus, see {@link io.tripwire.cli.bootstrap.BootstrapCommand}). So the
 * emergency commands work while PostgreSQL is down, and answer in well under a second.
 */
public final class Tripwire {

    private Tripwire() {
    }

    /** Executes {@code args}; returns the exit code (see {@link ExitCodes}). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        // Built per run: picocli keeps the writers and parsed options in the command objects.
        return new CommandLine(new TripwireCommand())
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler(new OneLineErrors())
                .execute(args);
    }
}

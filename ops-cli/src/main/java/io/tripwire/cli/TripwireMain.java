package io.tripwire.cli;

import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import picocli.CommandLine;

/**
 * Quarkus command-mode entry point: runs one picocli command and exits with its code. Commands are CDI
 * beans (see {@link CdiCommandFactory}), so they get constructor injection like any other class.
 */
@QuarkusMain
public class TripwireMain implements QuarkusApplication {

    private final CdiCommandFactory factory;

    public TripwireMain(CdiCommandFactory factory) {
        this.factory = factory;
    }

    @Override
    public int run(String... args) throws Exception {
        // Built per run, not once: picocli captures System.out/err at construction (tests swap them).
        return new CommandLine(TripwireCommand.class, factory).execute(args);
    }
}

package io.tripwire.cli;

import io.quarkus.runtime.annotations.QuarkusMain;
import java.io.PrintWriter;

/**
 * Entry point of {@code quarkus-run.jar}. A {@code @QuarkusMain} with its own {@code main} is started by
 * the Quarkus launcher WITHOUT booting the application: the commands run as plain picocli and only
 * {@code bootstrap} boots Quarkus (datasource, Flyway, CDI) for itself.
 */
@QuarkusMain
public final class TripwireMain {

    private TripwireMain() {
    }

    public static void main(String... args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int exit = Tripwire.execute(out, err, args);
        out.flush();
        err.flush();
        System.exit(exit);
    }
}

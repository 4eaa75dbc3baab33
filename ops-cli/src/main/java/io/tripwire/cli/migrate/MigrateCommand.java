package io.tripwire.cli.migrate;

import io.quarkus.runtime.Quarkus;
import io.tripwire.cli.CliFailure;
import io.tripwire.cli.ExitCodes;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;

/**
 * {@code tripwire migrate} (seed 002 {@code make migrate}): boots Quarkus, whose Flyway applies every pending
 * migration of control-plane at start (the same path every service takes; Flyway's lock makes it safe beside
 * running services), then lists the applied ones.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Apply pending Flyway migrations to PostgreSQL (PG_JDBC_URL) and list the applied ones."})
public class MigrateCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        AtomicInteger exit = new AtomicInteger(ExitCodes.FAILURE);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Quarkus.run(MigrateApplication.class, (code, error) -> {
            exit.set(code);
            failure.set(error);
        });
        if (failure.get() != null) {
            throw new CliFailure(ExitCodes.FAILURE, "migration failed: "
                    + CliFailure.rootMessage(failure.get()).lines().findFirst().orElse(""));
        }
        return exit.get();
    }
}

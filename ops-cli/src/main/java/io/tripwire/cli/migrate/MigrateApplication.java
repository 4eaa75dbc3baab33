package io.tripwire.cli.migrate;

import io.quarkus.arc.Unremovable;
import io.quarkus.runtime.QuarkusApplication;
import io.tripwire.cli.ExitCodes;
import jakarta.enterprise.context.Dependent;
import java.io.PrintWriter;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/** The Quarkus side of {@code tripwire migrate}: Flyway already migrated at start; this prints what is applied. */
@Dependent
@Unremovable // started by Quarkus.run(MigrateApplication.class), never injected
public class MigrateApplication implements QuarkusApplication {

    private final Flyway flyway;

    public MigrateApplication(Flyway flyway) {
        this.flyway = flyway;
    }

    @Override
    public int run(String... args) {
        var result = flyway.migrate(); // a no-op after migrate-at-start; applies anything still pending otherwise
        PrintWriter out = new PrintWriter(System.out, true);
        for (MigrationInfo m : flyway.info().applied()) {
            out.printf("V%-4s %-32s %s %s%n", m.getVersion(), m.getDescription(), m.getState(), m.getInstalledOn());
        }
        out.printf("schema at version %s (%d applied now)%n", flyway.info().current() == null ? "none"
                : flyway.info().current().getVersion(), result.migrationsExecuted);
        out.flush();
        return flyway.info().pending().length == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}

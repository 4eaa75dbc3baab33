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
        flyway.migrate(); // a no-op after migrate-at-start; applies anything still pending otherwise
        // migrate-at-start ran while Quarkus booted this process: what was installed since the JVM started is this run's
        long started = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        PrintWriter out = new PrintWriter(System.out, true);
        int now = 0;
        for (MigrationInfo m : flyway.info().applied()) {
            out.printf("V%-4s %-32s %s %s%n", m.getVersion(), m.getDescription(), m.getState(), m.getInstalledOn());
            now += m.getInstalledOn() != null && m.getInstalledOn().getTime() >= started ? 1 : 0;
        }
        out.printf("schema at version %s (%d applied now)%n", flyway.info().current() == null ? "none"
                : flyway.info().current().getVersion(), now);
        out.flush();
        return flyway.info().pending().length == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}

package io.tripwire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tripwire.cli.CliProcess.Result;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code tripwire migrate} (make migrate) from the packaged jar: a fresh database gets every migration, a second run none. */
class MigrateIT {

    private static final String DB = System.getenv().getOrDefault("TEST_PG_DB", "tripwire_test") + "_migrate";
    private static final Map<String, String> ENV = Map.of(
            "PG_URL", "postgresql://127.0.0.1:5432/" + DB,
            "PG_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/" + DB,
            "REDIS_URL", "redis://127.0.0.1:6379/8");

    @BeforeEach
    void freshDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "postgres");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS \"" + DB + "\" WITH (FORCE)");
            s.execute("CREATE DATABASE \"" + DB + "\"");
        }
    }

    @Test
    void aFreshDatabaseIsMigratedToTheNewestVersionAndASecondRunAppliesNothing() throws Exception {
        Result first = CliProcess.run(ENV, "migrate");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).contains("V1 ").contains("V13").contains("manual desk").contains("SUCCESS")
                .containsPattern("schema at version 13 \\([1-9][0-9]* applied now\\)");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + DB, "postgres", "postgres");
             Statement s = c.createStatement();
             var rows = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name = 'desk_tickets'")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(1);
        }

        Result second = CliProcess.run(ENV, "migrate");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).contains("schema at version 13 (0 applied now)");
    }

    @Test
    void withoutPostgresItFailsWithExitOne() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Result result = CliProcess.run(Map.of("PG_URL", "postgresql://127.0.0.1:" + closed + "/x",
                "PG_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + closed + "/x"), "migrate");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.err()).contains("tripwire migrate: migration failed");
    }
}

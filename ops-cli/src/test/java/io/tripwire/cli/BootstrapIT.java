package io.tripwire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tripwire.controlplane.auth.ApiKeyScope;
import io.tripwire.controlplane.auth.ApiKeyToken;
import io.tripwire.controlplane.auth.SecretHasher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Map;
import io.tripwire.cli.CliProcess.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tripwire bootstrap}, the one command that boots Quarkus (datasource, Flyway, CDI), run from the
 * packaged jar against the real test database.
 */
class BootstrapIT {

    private static final String DB = System.getenv().getOrDefault("TEST_PG_DB", "tripwire_test");
    private static final Map<String, String> ENV = Map.of(
            "PG_URL", "postgresql://127.0.0.1:5432/" + DB,
            "PG_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/" + DB,
            "REDIS_URL", "redis://127.0.0.1:6379/8");

    private static final long THIRTY_DAYS_SECONDS = 30L * 24 * 3600;

    @TempDir
    Path dir;
    private Path keyFile;
    private Path passwordFile;

    @BeforeEach
    void clean() throws Exception {
        TestDatabase.cleanAuthTables();
        keyFile = dir.resolve("run/admin.key");
        passwordFile = dir.resolve("run/admin.password");
    }

    @Test
    void firstRunCreatesAdminOperatorAndAnAllScopesKeyInOwnerOnlyFiles() throws Exception {
        Result result = bootstrap();

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("created 'admin'").contains("issued twk_").contains("curl -H");
        assertThat(Files.getPosixFilePermissions(passwordFile)).isEqualTo(SecretFiles.OWNER_ONLY);
        assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(SecretFiles.OWNER_ONLY);

        String password = Files.readString(passwordFile).trim();
        Map<String, Object> admin = TestDatabase.row(
                "SELECT password_hash, role, disabled_at FROM operators WHERE username = 'admin'");
        assertThat(admin.get("role")).isEqualTo("admin");
        assertThat(admin.get("disabled_at")).isNull();
        assertThat(SecretHasher.passwordMatches((String) admin.get("password_hash"), password.toCharArray())).isTrue();

        ApiKeyToken token = assertLiveAdminKey();
        assertThat(result.out()).doesNotContain(token.secret()).doesNotContain(password);
    }

    @Test
    void secondRunChangesNothing() throws Exception {
        assertThat(bootstrap().exitCode()).isZero();
        String key = Files.readString(keyFile);
        String password = Files.readString(passwordFile);
        FileTime keyTime = Files.getLastModifiedTime(keyFile);
        FileTime passwordTime = Files.getLastModifiedTime(passwordFile);

        Result second = bootstrap();

        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).contains("nothing to do").doesNotContain("issued").doesNotContain("created");
        assertThat(Files.readString(keyFile)).isEqualTo(key);
        assertThat(Files.readString(passwordFile)).isEqualTo(password);
        assertThat(Files.getLastModifiedTime(keyFile)).isEqualTo(keyTime);
        assertThat(Files.getLastModifiedTime(passwordFile)).isEqualTo(passwordTime);
        assertThat(TestDatabase.count("operators")).isEqualTo(1);
        assertThat(TestDatabase.count("api_keys")).as("admin + signal-service").isEqualTo(2);
        assertThat(second.out()).contains("signal key: ");
        assertThat(Files.readString(keyFile.toAbsolutePath().resolveSibling("signal-service.key"))).startsWith("twk_");
    }

    @Test
    void reissuesWhenTheStoredKeyWasRevoked() throws Exception {
        assertReissuedAfter("UPDATE api_keys SET revoked_at = now(), revoked_by = 'test' WHERE key_prefix = ?",
                "stored key is revoked");
    }

    @Test
    void reissuesWhenTheStoredKeyExpired() throws Exception {
        assertReissuedAfter("UPDATE api_keys SET expires_at = now() - interval '1 minute' WHERE key_prefix = ?",
                "stored key is expired");
    }

    @Test
    void reissuesWhenTheStoredKeyIsUnknownToTheDatabase() throws Exception {
        assertReissuedAfter("DELETE FROM api_keys WHERE key_prefix = ?", "unknown to this database");
    }

    @Test
    void reissuesWhenTheStoredSecretDoesNotMatch() throws Exception {
        assertThat(bootstrap().exitCode()).isZero();
        ApiKeyToken stored = ApiKeyToken.parse(Files.readString(keyFile)).orElseThrow();
        SecretFiles.write(keyFile, new ApiKeyToken(stored.prefix(), ApiKeyToken.generate().secret()).reveal());

        Result again = bootstrap();

        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("secret does not match");
        assertThat(assertLiveAdminKey().prefix()).isNotEqualTo(stored.prefix());
    }

    /** First run, then {@code breakIt} on the issued key's row: the next run must issue a new, live key. */
    private void assertReissuedAfter(String breakIt, String reason) throws Exception {
        assertThat(bootstrap().exitCode()).isZero();
        ApiKeyToken first = ApiKeyToken.parse(Files.readString(keyFile)).orElseThrow();
        String password = Files.readString(passwordFile);
        assertThat(TestDatabase.execute(breakIt, first.prefix())).isEqualTo(1);

        Result again = bootstrap();

        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("issued twk_").contains(reason).contains("1 operator(s) exist already");
        ApiKeyToken second = assertLiveAdminKey();
        assertThat(second.prefix()).isNotEqualTo(first.prefix());
        assertThat(Files.readString(passwordFile)).isEqualTo(password);
        assertThat(TestDatabase.count("operators")).isEqualTo(1);
    }

    /** The key file's token verifies against its api_keys row: right secret, every scope, live, 30 days. */
    private ApiKeyToken assertLiveAdminKey() throws Exception {
        assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(SecretFiles.OWNER_ONLY);
        ApiKeyToken token = ApiKeyToken.parse(Files.readString(keyFile)).orElseThrow();
        Map<String, Object> key = TestDatabase.row("""
                SELECT key_salt, key_hash, scopes, revoked_at, expires_at > now() AS live,
                       extract(epoch FROM expires_at - created_at)::bigint AS lifetime_s
                FROM api_keys WHERE key_prefix = ?""", token.prefix());
        assertThat(key).as("api_keys row of " + token).isNotEmpty();
        assertThat(SecretHasher.apiKeySecretMatches((String) key.get("key_salt"), (String) key.get("key_hash"),
                token.secret())).isTrue();
        assertThat((Object[]) key.get("scopes"))
                .containsExactlyInAnyOrder(Arrays.stream(ApiKeyScope.values()).map(ApiKeyScope::value).toArray());
        assertThat(key.get("revoked_at")).isNull();
        assertThat(key.get("live")).isEqualTo(true);
        assertThat(key.get("lifetime_s")).isEqualTo(THIRTY_DAYS_SECONDS);
        return token;
    }

    @Test
    void withoutPostgresItFailsWithExitOneAndSaysItNeedsPostgres() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Result result = CliProcess.run(Map.of(
                        "PG_URL", "postgresql://127.0.0.1:" + closed + "/x", "PG_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + closed + "/x"),
                "bootstrap", "--key-file", keyFile.toString(), "--password-file", passwordFile.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.err()).contains("tripwire bootstrap: failed to start (bootstrap needs PostgreSQL and its migrations)");
        assertThat(Files.exists(keyFile)).isFalse();
    }

    private Result bootstrap() throws Exception {
        return CliProcess.run(ENV, "bootstrap", "--key-file", keyFile.toString(), "--password-file", passwordFile.toString());
    }
}

package io.tripwire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import io.tripwire.controlplane.auth.ApiKeyScope;
import io.tripwire.controlplane.auth.ApiKeyToken;
import io.tripwire.controlplane.auth.SecretHasher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tripwire bootstrap} against the real tripwire_test database. */
@QuarkusMainTest
class BootstrapCommandTest {

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
    void firstRunCreatesAdminOperatorAndAnAllScopesKeyInOwnerOnlyFiles(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = bootstrap(launcher);

        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        assertThat(result.getOutput()).contains("created 'admin'").contains("issued twk_").contains("curl -H");
        assertThat(Files.getPosixFilePermissions(passwordFile)).isEqualTo(SecretFiles.OWNER_ONLY);
        assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(SecretFiles.OWNER_ONLY);

        String password = Files.readString(passwordFile).trim();
        Map<String, Object> admin = TestDatabase.row(
                "SELECT password_hash, role, disabled_at FROM operators WHERE username = 'admin'");
        assertThat(admin.get("role")).isEqualTo("admin");
        assertThat(admin.get("disabled_at")).isNull();
        assertThat(SecretHasher.passwordMatches((String) admin.get("password_hash"), password.toCharArray())).isTrue();

        ApiKeyToken token = assertLiveAdminKey();
        assertThat(result.getOutput()).doesNotContain(token.secret()).doesNotContain(password);
    }

    @Test
    void secondRunChangesNothing(QuarkusMainLauncher launcher) throws Exception {
        assertThat(bootstrap(launcher).exitCode()).isZero();
        String key = Files.readString(keyFile);
        String password = Files.readString(passwordFile);
        FileTime keyTime = Files.getLastModifiedTime(keyFile);
        FileTime passwordTime = Files.getLastModifiedTime(passwordFile);

        LaunchResult second = bootstrap(launcher);

        assertThat(second.exitCode()).as(second.getErrorOutput()).isZero();
        assertThat(second.getOutput()).contains("nothing to do").doesNotContain("issued").doesNotContain("created");
        assertThat(Files.readString(keyFile)).isEqualTo(key);
        assertThat(Files.readString(passwordFile)).isEqualTo(password);
        assertThat(Files.getLastModifiedTime(keyFile)).isEqualTo(keyTime);
        assertThat(Files.getLastModifiedTime(passwordFile)).isEqualTo(passwordTime);
        assertThat(TestDatabase.count("operators")).isEqualTo(1);
        assertThat(TestDatabase.count("api_keys")).isEqualTo(1);
    }

    @Test
    void reissuesWhenTheStoredKeyWasRevoked(QuarkusMainLauncher launcher) throws Exception {
        assertReissuedAfter(launcher, "UPDATE api_keys SET revoked_at = now(), revoked_by = 'test' WHERE key_prefix = ?",
                "stored key is revoked");
    }

    @Test
    void reissuesWhenTheStoredKeyExpired(QuarkusMainLauncher launcher) throws Exception {
        assertReissuedAfter(launcher, "UPDATE api_keys SET expires_at = now() - interval '1 minute' WHERE key_prefix = ?",
                "stored key is expired");
    }

    @Test
    void reissuesWhenTheStoredKeyIsUnknownToTheDatabase(QuarkusMainLauncher launcher) throws Exception {
        assertReissuedAfter(launcher, "DELETE FROM api_keys WHERE key_prefix = ?", "unknown to this database");
    }

    @Test
    void reissuesWhenTheStoredSecretDoesNotMatch(QuarkusMainLauncher launcher) throws Exception {
        assertThat(bootstrap(launcher).exitCode()).isZero();
        ApiKeyToken stored = ApiKeyToken.parse(Files.readString(keyFile)).orElseThrow();
        SecretFiles.write(keyFile, new ApiKeyToken(stored.prefix(), ApiKeyToken.generate().secret()).reveal());

        LaunchResult again = bootstrap(launcher);

        assertThat(again.exitCode()).as(again.getErrorOutput()).isZero();
        assertThat(again.getOutput()).contains("secret does not match");
        assertThat(assertLiveAdminKey().prefix()).isNotEqualTo(stored.prefix());
    }

    /** First run, then {@code breakIt} on the issued key's row: the next run must issue a new, live key. */
    private void assertReissuedAfter(QuarkusMainLauncher launcher, String breakIt, String reason) throws Exception {
        assertThat(bootstrap(launcher).exitCode()).isZero();
        ApiKeyToken first = ApiKeyToken.parse(Files.readString(keyFile)).orElseThrow();
        String password = Files.readString(passwordFile);
        assertThat(TestDatabase.execute(breakIt, first.prefix())).isEqualTo(1);

        LaunchResult again = bootstrap(launcher);

        assertThat(again.exitCode()).as(again.getErrorOutput()).isZero();
        assertThat(again.getOutput()).contains("issued twk_").contains(reason).contains("1 operator(s) exist already");
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

    private LaunchResult bootstrap(QuarkusMainLauncher launcher) {
        return launcher.launch("bootstrap", "--key-file", keyFile.toString(), "--password-file", passwordFile.toString());
    }
}

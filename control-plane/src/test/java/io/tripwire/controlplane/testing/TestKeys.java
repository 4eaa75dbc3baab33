package io.tripwire.controlplane.testing;

import io.tripwire.controlplane.auth.ApiKeyScope;
import io.tripwire.controlplane.auth.ApiKeyToken;
import io.tripwire.controlplane.auth.SecretHasher;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/** Test keys written straight into {@code api_keys} over JDBC, for process-level tests without a bootstrap step. */
public final class TestKeys {

    /** The test database ({@code TEST_PG_DB}, default tripwire_test). */
    public static final String TEST_DB = System.getenv().getOrDefault("TEST_PG_DB", "tripwire_test");
    public static final String TEST_JDBC_URL = "jdbc:postgresql://127.0.0.1:5432/" + TEST_DB;
    public static final String TEST_PG_URL = "postgresql://127.0.0.1:5432/" + TEST_DB;

    private TestKeys() {
    }

    /** A key with every scope, valid for a day; returns the full token. */
    public static String insertAdminKey(String name) {
        return insertKey(name, ApiKeyScope.values());
    }

    /** A key with just these scopes, valid for a day; returns the full token. */
    public static String insertKey(String name, ApiKeyScope... scopes) {
        ApiKeyToken token = ApiKeyToken.generate();
        String salt = SecretHasher.newSalt();
        String sql = "INSERT INTO api_keys (key_prefix, name, key_salt, key_hash, scopes, created_at, created_by, expires_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, 'test', ?)";
        try (Connection c = DriverManager.getConnection(TEST_JDBC_URL, "postgres", "postgres");
             PreparedStatement insert = c.prepareStatement(sql)) {
            insert.setString(1, token.prefix());
            insert.setString(2, name);
            insert.setString(3, salt);
            insert.setString(4, SecretHasher.hashApiKeySecret(salt, token.secret()));
            insert.setArray(5, c.createArrayOf("text", Arrays.stream(scopes).map(ApiKeyScope::value).toArray()));
            insert.setTimestamp(6, Timestamp.from(Instant.now()));
            insert.setTimestamp(7, Timestamp.from(Instant.now().plus(1, ChronoUnit.DAYS)));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot insert test key", e);
        }
        return token.reveal();
    }
}

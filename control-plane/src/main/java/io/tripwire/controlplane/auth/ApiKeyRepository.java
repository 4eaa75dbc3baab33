package io.tripwire.controlplane.auth;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** PostgreSQL access to {@code api_keys}. */
@ApplicationScoped
public class ApiKeyRepository {

    private static final String COLUMNS = "key_prefix, name, key_salt, key_hash, scopes, created_at, created_by, "
            + "expires_at, revoked_at, replaced_by";
    private static final String FIND = "SELECT " + COLUMNS + " FROM api_keys WHERE key_prefix = $1";
    private static final String LIST = "SELECT " + COLUMNS + " FROM api_keys ORDER BY created_at DESC";
    private static final String INSERT = "INSERT INTO api_keys (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
    private static final String REVOKE = """
            UPDATE api_keys SET revoked_at = $2, revoked_by = $3
            WHERE key_prefix = $1 AND revoked_at IS NULL""";
    private static final String SUPERSEDE = """
            UPDATE api_keys SET expires_at = LEAST(expires_at, $2), replaced_by = $3
            WHERE key_prefix = $1 AND revoked_at IS NULL""";

    private final Pool pool;

    public ApiKeyRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<ApiKeyRecord> find(String prefix) {
        return pool.preparedQuery(FIND).execute(Tuple.of(prefix))
                .map(rows -> rows.iterator().hasNext() ? from(rows.iterator().next()) : null);
    }

    public Uni<List<ApiKeyRecord>> list() {
        return pool.query(LIST).execute().map(rows -> {
            List<ApiKeyRecord> keys = new ArrayList<>();
            rows.forEach(row -> keys.add(from(row)));
            return keys;
        });
    }

    public Uni<Void> insert(SqlClient tx, ApiKeyRecord key) {
        Tuple row = Tuple.tuple().addString(key.prefix()).addString(key.name()).addString(key.salt())
                .addString(key.hash()).addArrayOfString(key.scopes().stream().sorted().toArray(String[]::new))
                .addOffsetDateTime(utc(key.createdAt())).addString(key.createdBy())
                .addOffsetDateTime(utc(key.expiresAt())).addOffsetDateTime(utc(key.revokedAt()))
                .addString(key.replacedBy());
        return tx.preparedQuery(INSERT).execute(row).replaceWithVoid();
    }

    /** True when a live key was revoked. */
    public Uni<Boolean> revoke(SqlClient tx, String prefix, Instant at, String by) {
        return tx.preparedQuery(REVOKE).execute(Tuple.of(prefix, utc(at), by)).map(rows -> rows.rowCount() == 1);
    }

    /** Shortens a live key's life to {@code until} and names its replacement; true when it existed. */
    public Uni<Boolean> supersede(SqlClient tx, String prefix, Instant until, String replacement) {
        return tx.preparedQuery(SUPERSEDE).execute(Tuple.of(prefix, utc(until), replacement))
                .map(rows -> rows.rowCount() == 1);
    }

    private static ApiKeyRecord from(Row row) {
        return new ApiKeyRecord(row.getString("key_prefix"), row.getString("name"), row.getString("key_salt"),
                row.getString("key_hash"), Set.of(row.getArrayOfStrings("scopes")), instant(row, "created_at"),
                row.getString("created_by"), instant(row, "expires_at"), instant(row, "revoked_at"),
                row.getString("replaced_by"));
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}

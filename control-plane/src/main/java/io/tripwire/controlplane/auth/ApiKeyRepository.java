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
    /**
     * The key itself (depth 0, whatever its expiry) and, following {@code replaced_by} backwards, every key it
     * replaced that is still live (in its rotation grace). Depth-bounded against a corrupt cycle.
     */
    private static final String REVOKE_WITH_PREDECESSORS = """
            WITH RECURSIVE chain(key_prefix, depth) AS (
                SELECT key_prefix, 0 FROM api_keys WHERE key_prefix = $1
              UNION ALL
                SELECT k.key_prefix, c.depth + 1 FROM api_keys k JOIN chain c ON k.replaced_by = c.key_prefix
                WHERE c.depth < 100
            )
            UPDATE api_keys k SET revoked_at = $2, revoked_by = $3
            FROM chain c
            WHERE k.key_prefix = c.key_prefix AND k.revoked_at IS NULL AND (c.depth = 0 OR k.expires_at > $2)
            RETURNING k.key_prefix, c.depth""";
    private static final String REVOKE_NAMED = """
            UPDATE api_keys SET revoked_at = $2, revoked_by = $3
            WHERE name = $1 AND revoked_at IS NULL AND expires_at > $2
            RETURNING key_prefix""";
    private static final String SUPERSEDE = """
            UPDATE api_keys SET expires_at = LEAST(expires_at, $2), replaced_by = $3
            WHERE key_prefix = $1 AND revoked_at IS NULL AND replaced_by IS NULL""";

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

    /**
     * Revokes the key and every key it replaced that is still in its rotation grace (a compromised key's
     * predecessor is as compromised). Returns the revoked prefixes, the key itself first when it was live.
     */
    public Uni<List<String>> revokeWithPredecessors(SqlClient tx, String prefix, Instant at, String by) {
        return tx.preparedQuery(REVOKE_WITH_PREDECESSORS).execute(Tuple.of(prefix, utc(at), by)).map(rows -> {
            List<Row> revoked = new ArrayList<>();
            rows.forEach(revoked::add);
            revoked.sort(java.util.Comparator.comparingInt(row -> row.getInteger("depth")));
            return revoked.stream().map(row -> row.getString("key_prefix")).toList();
        });
    }

    /** Revokes every live key named {@code name} (the holder's keys, rotations included); returns their prefixes. */
    public Uni<List<String>> revokeNamed(SqlClient tx, String name, Instant at, String by) {
        return tx.preparedQuery(REVOKE_NAMED).execute(Tuple.of(name, utc(at), by)).map(rows -> {
            List<String> prefixes = new ArrayList<>();
            rows.forEach(row -> prefixes.add(row.getString("key_prefix")));
            return prefixes.stream().sorted().toList();
        });
    }

    /**
     * Shortens a live, not yet replaced key's life to {@code until} and names its replacement; false when no
     * such key exists (revoked, or rotated meanwhile by someone else).
     */
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

package io.tripwire.controlplane.auth;

import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.audit.AuditEntry;
import io.tripwire.controlplane.audit.AuditWriter;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;

/** Console operators: PBKDF2-hashed passwords and a role (viewer, operator, admin). */
@ApplicationScoped
public class OperatorService {

    private static final String INSERT = """
            INSERT INTO operators (username, password_hash, role, created_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (username) DO NOTHING""";
    private static final String FIND_HASH = "SELECT password_hash, role FROM operators WHERE username = $1 AND disabled_at IS NULL";
    private static final String COUNT = "SELECT count(*) FROM operators";

    /** Console roles, least privileged first. */
    public enum Role { VIEWER, OPERATOR, ADMIN }

    private final Pool pool;
    private final AuditWriter audit;
    private final Clock clock;

    public OperatorService(Pool pool, AuditWriter audit, Clock clock) {
        this.pool = pool;
        this.audit = audit;
        this.clock = clock;
    }

    /** True when the operator was created (false: the name already exists). */
    public Uni<Boolean> create(String username, char[] password, Role role, String actor) {
        String hash = SecretHasher.hashPassword(password);
        Tuple row = Tuple.of(username, hash, role.name().toLowerCase(), clock.instant().atOffset(ZoneOffset.UTC));
        return pool.withTransaction(tx -> tx.preparedQuery(INSERT).execute(row)
                .map(rows -> rows.rowCount() == 1)
                .call(created -> created
                        ? audit.append(tx, AuditEntry.success(actor, "OPERATOR_CREATED", "operator", username, null,
                                Map.of("role", role.name())))
                        : Uni.createFrom().voidItem()));
    }

    public Uni<Long> count() {
        return pool.query(COUNT).execute().map(rows -> rows.iterator().next().getLong(0));
    }

    /** The operator's role when the password matches; {@code null} otherwise (unknown, disabled or wrong). */
    public Uni<Role> verify(String username, char[] password) {
        return pool.preparedQuery(FIND_HASH).execute(Tuple.of(username)).map(rows -> {
            if (!rows.iterator().hasNext()) {
                return null;
            }
            var row = rows.iterator().next();
            return SecretHasher.passwordMatches(row.getString(0), password)
                    ? Role.valueOf(row.getString(1).toUpperCase()) : null;
        });
    }
}

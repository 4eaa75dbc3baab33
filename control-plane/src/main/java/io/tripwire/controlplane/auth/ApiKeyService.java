package io.tripwire.controlplane.auth;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.audit.AuditEntry;
import io.tripwire.controlplane.audit.AuditWriter;
import io.tripwire.controlplane.keys.RedisKeys;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.reject.RejectException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Issues, rotates and revokes API keys. Each change and its audit rows commit in ONE transaction; every
 * key that stops working (revoked, or rotated without grace) is then published on {@code apikeys:revoked}
 * so every replica drops its cached copy at once. A rotation with grace is published too (the old key's
 * shortened expiry must replace the cached one).
 *
 * <p>Incident tools (ADR 0040): revoking a key also revokes the keys it replaced that are still in their
 * rotation grace; a rotation can end the grace at once ({@code grace = false}); and every live key of one
 * holder, i.e. one key name, can be revoked in one call.
 */
@ApplicationScoped
public class ApiKeyService {

    /** How long a rotated-out key keeps working (DESIGN.md §9). */
    public static final Duration ROTATION_GRACE = Duration.ofHours(24);

    private final Pool pool;
    private final ApiKeyRepository repository;
    private final AuditWriter audit;
    private final ReactiveRedisDataSource redis;
    private final RedisKeys keys;
    private final Clock clock;

    public ApiKeyService(Pool pool, ApiKeyRepository repository, AuditWriter audit, ReactiveRedisDataSource redis,
                         RedisKeys keys, Clock clock) {
        this.pool = pool;
        this.repository = repository;
        this.audit = audit;
        this.redis = redis;
        this.keys = keys;
        this.clock = clock;
    }

    /** A newly issued key; {@code token} is shown to its owner once and never stored. */
    public record IssuedKey(ApiKeyToken token, ApiKeyRecord record) {
    }

    /**
     * A rotation: the replacement, and the replaced key's prefix with the instant it stops working
     * ({@code now} and {@code replacedRevoked} for a rotation without grace).
     */
    public record Rotation(IssuedKey replacement, String replaced, Instant replacedValidUntil, boolean replacedRevoked) {
    }

    public Uni<IssuedKey> issue(String name, Set<ApiKeyScope> scopes, Duration lifetime, String actor) {
        if (scopes.isEmpty()) {
            return Uni.createFrom().failure(new RejectException(RejectCode.VALIDATION_FAILED, "a key needs at least one scope"));
        }
        IssuedKey issued = newKey(name, scopes, lifetime, actor, clock.instant());
        return pool.withTransaction(tx -> insertAudited(tx, issued, actor)).replaceWith(issued);
    }

    /** Every key, newest first (records only: secrets are never stored). */
    public Uni<List<ApiKeyRecord>> list() {
        return repository.list();
    }

    /** New key with the same name and scopes; the old one stays valid for {@link #ROTATION_GRACE}. */
    public Uni<Rotation> rotate(String prefix, String actor) {
        return rotate(prefix, actor, true);
    }

    /**
     * New key with the same name, scopes and lifetime, in one transaction with the old key's supersession.
     * With {@code grace} the old key keeps working for {@link #ROTATION_GRACE}; without, it is revoked at
     * once (a compromised key). A key that was already rotated is refused (409): rotate its replacement.
     */
    public Uni<Rotation> rotate(String prefix, String actor, boolean grace) {
        return repository.find(prefix).chain(old -> {
            Instant now = clock.instant();
            if (old == null || old.refusal(now) != null) {
                return Uni.createFrom().failure(new RejectException(RejectCode.NOT_FOUND, "no live key " + prefix));
            }
            if (old.replacedBy() != null) {
                return Uni.createFrom().failure(alreadyRotated(old));
            }
            IssuedKey fresh = newKey(old.name(), toScopes(old.scopes()), Duration.between(old.createdAt(), old.expiresAt()),
                    actor, now);
            Instant until = grace ? min(old.expiresAt(), now.plus(ROTATION_GRACE)) : now;
            return pool.withTransaction(tx -> insertAudited(tx, fresh, actor)
                            .chain(() -> repository.supersede(tx, prefix, until, fresh.token().prefix()))
                            .chain(superseded -> superseded ? Uni.createFrom().voidItem()
                                    : Uni.createFrom().failure(new RejectException(RejectCode.STATE_CONFLICT,
                                            "key " + prefix + " was revoked or rotated meanwhile; nothing changed")))
                            .chain(() -> grace ? Uni.createFrom().voidItem() : revokeRotatedOut(tx, prefix, now, actor))
                            .chain(() -> audit.append(tx, AuditEntry.success(actor, "API_KEY_ROTATED", "api_key", prefix,
                                    null, rotationDetails(fresh, grace, until)))))
                    .call(() -> announce(List.of(prefix)))
                    .map(id -> new Rotation(fresh, prefix, until, !grace));
        });
    }

    /**
     * Immediate and irreversible: the key, and every key it replaced that is still in its rotation grace.
     * Every replica refuses them within a second. Returns the revoked prefixes (the key itself first);
     * empty when there was nothing live to revoke.
     */
    public Uni<List<String>> revoke(String prefix, String actor, String reason) {
        Instant now = clock.instant();
        return pool.withTransaction(tx -> repository.revokeWithPredecessors(tx, prefix, now, actor)
                        .call(revoked -> auditRevocations(tx, revoked, actor, reason, p -> p.equals(prefix)
                                ? Map.of("also_revoked", revoked.stream().filter(o -> !o.equals(prefix)).toList())
                                : Map.of("cause", "its replacement " + prefix + " was revoked"))))
                .call(this::announce);
    }

    /**
     * Revokes every live key named {@code name}: a key's name is its holder (a person, a strategy, a
     * service), kept by every rotation, so this ends all of that holder's access at once, grace included.
     */
    public Uni<List<String>> revokeAllNamed(String name, String actor, String reason) {
        Instant now = clock.instant();
        return pool.withTransaction(tx -> repository.revokeNamed(tx, name, now, actor)
                        .call(revoked -> auditRevocations(tx, revoked, actor, reason,
                                p -> Map.of("cause", "revoke-all", "name", name, "count", revoked.size()))))
                .call(this::announce);
    }

    private IssuedKey newKey(String name, Set<ApiKeyScope> scopes, Duration lifetime, String actor, Instant now) {
        ApiKeyToken token = ApiKeyToken.generate();
        String salt = SecretHasher.newSalt();
        Set<String> scopeNames = scopes.stream().map(ApiKeyScope::value).collect(Collectors.toSet());
        return new IssuedKey(token, new ApiKeyRecord(token.prefix(), name, salt,
                SecretHasher.hashApiKeySecret(salt, token.secret()), scopeNames, now, actor, now.plus(lifetime), null, null));
    }

    private Uni<Long> insertAudited(SqlClient tx, IssuedKey issued, String actor) {
        ApiKeyRecord record = issued.record();
        return repository.insert(tx, record)
                .chain(() -> audit.append(tx, AuditEntry.success(actor, "API_KEY_CREATED", "api_key", record.prefix(),
                        null, Map.of("name", record.name(), "scopes", record.scopes().stream().sorted().toList(),
                                "expires_at", record.expiresAt().toString()))));
    }

    private Uni<Void> revokeRotatedOut(SqlClient tx, String prefix, Instant now, String actor) {
        return repository.revoke(tx, prefix, now, actor)
                .chain(() -> audit.append(tx, AuditEntry.success(actor, "API_KEY_REVOKED", "api_key", prefix,
                        "rotated without grace", Map.of("cause", "rotation without grace"))))
                .replaceWithVoid();
    }

    /** One API_KEY_REVOKED row per key, appended one after the other (the audit log is a hash chain). */
    private Uni<Void> auditRevocations(SqlClient tx, List<String> prefixes, String actor, String reason,
                                       java.util.function.Function<String, Map<String, Object>> details) {
        return Multi.createFrom().iterable(prefixes)
                .onItem().transformToUniAndConcatenate(p -> audit.append(tx,
                        AuditEntry.success(actor, "API_KEY_REVOKED", "api_key", p, reason, details.apply(p))))
                .collect().last().replaceWithVoid();
    }

    private static Map<String, Object> rotationDetails(IssuedKey fresh, boolean grace, Instant until) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("replaced_by", fresh.token().prefix());
        details.put("grace", grace ? ROTATION_GRACE.toString() : Duration.ZERO.toString());
        details.put("valid_until", until.toString());
        return details;
    }

    private static RejectException alreadyRotated(ApiKeyRecord old) {
        return new RejectException(RejectCode.STATE_CONFLICT, "key " + old.prefix() + " was already rotated to "
                + old.replacedBy() + "; rotate " + old.replacedBy() + " instead, or revoke it",
                Map.of("replaced_by", old.replacedBy()));
    }

    /** Best effort after the commit: if Redis misses the message, the cache TTL still bounds the key's life. */
    private Uni<Void> announce(List<String> prefixes) {
        List<Uni<Void>> sends = new ArrayList<>();
        for (String prefix : prefixes) {
            sends.add(redis.pubsub(String.class).publish(keys.apiKeysRevokedChannel(), prefix)
                    .onFailure().invoke(e -> io.quarkus.logging.Log.warnf("revocation of %s not announced (%s); "
                            + "replicas drop it within tripwire.auth.cache-ttl", prefix, e.getMessage()))
                    .onFailure().recoverWithNull());
        }
        return sends.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(sends).andCollectFailures().replaceWithVoid();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Set<ApiKeyScope> toScopes(Set<String> names) {
        return names.stream().map(n -> ApiKeyScope.fromValue(n).orElseThrow()).collect(Collectors.toSet());
    }
}

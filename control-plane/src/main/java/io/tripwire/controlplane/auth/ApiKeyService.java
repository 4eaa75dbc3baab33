package io.tripwire.controlplane.auth;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.audit.AuditEntry;
import io.tripwire.controlplane.audit.AuditWriter;
import io.tripwire.controlplane.keys.RedisKeys;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.reject.RejectException;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Issues, rotates and revokes API keys. Each change is audited in the same transaction; a revocation
 * (or a rotation, which shortens the old key's life) is published on {@code apikeys:revoked} so every
 * replica drops its cached copy at once.
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

    public Uni<IssuedKey> issue(String name, Set<ApiKeyScope> scopes, Duration lifetime, String actor) {
        if (scopes.isEmpty()) {
            return Uni.createFrom().failure(new RejectException(RejectCode.VALIDATION_FAILED, "a key needs at least one scope"));
        }
        Instant now = clock.instant();
        ApiKeyToken token = ApiKeyToken.generate();
        String salt = SecretHasher.newSalt();
        Set<String> scopeNames = scopes.stream().map(ApiKeyScope::value).collect(java.util.stream.Collectors.toSet());
        ApiKeyRecord record = new ApiKeyRecord(token.prefix(), name, salt, SecretHasher.hashApiKeySecret(salt, token.secret()),
                scopeNames, now, actor, now.plus(lifetime), null, null);
        return pool.withTransaction(tx -> repository.insert(tx, record)
                        .chain(() -> audit.append(tx, AuditEntry.success(actor, "API_KEY_CREATED", "api_key", token.prefix(),
                                null, Map.of("name", name, "scopes", scopeNames.stream().sorted().toList(),
                                        "expires_at", record.expiresAt().toString())))))
                .map(id -> new IssuedKey(token, record));
    }

    /** Every key, newest first (records only: secrets are never stored). */
    public Uni<java.util.List<ApiKeyRecord>> list() {
        return repository.list();
    }

    /** New key with the same name and scopes; the old one stays valid for {@link #ROTATION_GRACE}. */
    public Uni<IssuedKey> rotate(String prefix, String actor) {
        return repository.find(prefix).chain(old -> {
            if (old == null || old.refusal(clock.instant()) != null) {
                return Uni.createFrom().failure(new RejectException(RejectCode.NOT_FOUND, "no live key " + prefix));
            }
            Duration lifetime = Duration.between(old.createdAt(), old.expiresAt());
            return issue(old.name(), toScopes(old.scopes()), lifetime, actor)
                    .call(issued -> pool.withTransaction(tx -> repository
                            .supersede(tx, prefix, clock.instant().plus(ROTATION_GRACE), issued.token().prefix())
                            .chain(() -> audit.append(tx, AuditEntry.success(actor, "API_KEY_ROTATED", "api_key", prefix,
                                    null, Map.of("replaced_by", issued.token().prefix(), "grace", ROTATION_GRACE.toString()))))))
                    .call(() -> announce(prefix));
        });
    }

    /** Immediate and irreversible; every replica refuses the key within a second. */
    public Uni<Boolean> revoke(String prefix, String actor, String reason) {
        return pool.withTransaction(tx -> repository.revoke(tx, prefix, clock.instant(), actor)
                        .call(revoked -> revoked
                                ? audit.append(tx, AuditEntry.success(actor, "API_KEY_REVOKED", "api_key", prefix, reason, Map.of()))
                                : Uni.createFrom().voidItem()))
                .call(revoked -> revoked ? announce(prefix) : Uni.createFrom().voidItem());
    }

    /** Best effort after the commit: if Redis misses the message, the cache TTL still bounds the key's life. */
    private Uni<Void> announce(String prefix) {
        return redis.pubsub(String.class).publish(keys.apiKeysRevokedChannel(), prefix)
                .onFailure().invoke(e -> io.quarkus.logging.Log.warnf("revocation of %s not announced (%s); "
                        + "replicas drop it within tripwire.auth.cache-ttl", prefix, e.getMessage()))
                .onFailure().recoverWithNull();
    }

    private static Set<ApiKeyScope> toScopes(Set<String> names) {
        return names.stream().map(n -> ApiKeyScope.fromValue(n).orElseThrow()).collect(java.util.stream.Collectors.toSet());
    }
}

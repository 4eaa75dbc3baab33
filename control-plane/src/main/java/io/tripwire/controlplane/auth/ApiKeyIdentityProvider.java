package io.tripwire.controlplane.auth;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import io.tripwire.controlplane.config.ControlPlaneConfig;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.reject.RejectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies API keys: salted hash compared in constant time, expiry, revocation. Key records are cached
 * per replica for {@code tripwire.auth.cache-ttl} and dropped at once on an {@code apikeys:revoked}
 * message. Scopes become roles, checked with {@code @RolesAllowed}. While PostgreSQL is unreachable a
 * key verified within {@code tripwire.auth.outage-grace} still authenticates (ADR 0021); others get 503.
 */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    public static final String CACHE = "api-keys";
    public static final String PREFIX_ATTRIBUTE = "api_key_prefix";

    private final ApiKeyRepository repository;
    private final Cache cache;
    private final Clock clock;
    private final Duration outageGrace;
    private final Map<String, LastVerified> lastVerified = new ConcurrentHashMap<>();

    /** A key record as PostgreSQL last returned it, and when. */
    private record LastVerified(ApiKeyRecord key, Instant at) {
    }

    public ApiKeyIdentityProvider(ApiKeyRepository repository, @CacheName(CACHE) Cache cache, Clock clock,
                                  ControlPlaneConfig config) {
        this.repository = repository;
        this.cache = cache;
        this.clock = clock;
        this.outageGrace = config.auth().outageGrace();
    }

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyAuthenticationRequest request, AuthenticationRequestContext context) {
        ApiKeyToken token = request.token();
        return cache.<String, Optional<ApiKeyRecord>>getAsync(token.prefix(),
                        prefix -> repository.find(prefix).map(Optional::ofNullable))
                .map(found -> {
                    if (found.isEmpty() || found.get().refusal(clock.instant()) != null) {
                        // PostgreSQL says gone, revoked or expired: never fall back to an older record of it
                        lastVerified.remove(token.prefix());
                    }
                    SecurityIdentity identity = verify(token, found);
                    lastVerified.put(token.prefix(), new LastVerified(found.get(), clock.instant()));
                    return identity;
                })
                .onFailure(e -> !(e instanceof AuthenticationFailedException))
                // (an item supplier, not recoverWithItem: a throwing recovery function would surface the original failure)
                .recoverWithUni(e -> Uni.createFrom().item(() -> duringOutage(token, e)));
    }

    /** PostgreSQL could not be read: the last verified record within the grace, else 503 (never a 500, never a guess). */
    private SecurityIdentity duringOutage(ApiKeyToken token, Throwable failure) {
        LastVerified known = lastVerified.get(token.prefix());
        if (known == null || known.at().plus(outageGrace).isBefore(clock.instant())) {
            Log.warnf("API key %s not verifiable, PostgreSQL unreachable: %s", token, failure.getMessage());
            throw new RejectException(RejectCode.CONTROL_PLANE_UNAVAILABLE,
                    "API keys cannot be verified: PostgreSQL is unreachable; retry");
        }
        Log.warnf("PostgreSQL unreachable (%s): key %s accepted from its record verified at %s", failure.getMessage(),
                token, known.at());
        return verify(token, Optional.of(known.key()));
    }

    private SecurityIdentity verify(ApiKeyToken token, Optional<ApiKeyRecord> found) {
        if (found.isEmpty() || !SecretHasher.apiKeySecretMatches(found.get().salt(), found.get().hash(), token.secret())) {
            Log.infof("API key %s refused: unknown or wrong secret", token);
            throw new AuthenticationFailedException("invalid API key");
        }
        ApiKeyRecord key = found.get();
        String refusal = key.refusal(clock.instant());
        if (refusal != null) {
            Log.infof("API key %s refused: %s", token, refusal);
            throw new AuthenticationFailedException("API key " + refusal);
        }
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("key:" + key.prefix() + ":" + key.name()))
                .addRoles(key.scopes())
                .addAttribute(PREFIX_ATTRIBUTE, key.prefix())
                .build();
    }

    /** Drops a key's cached and last verified record (revocation, rotation). */
    public Uni<Void> forget(String prefix) {
        lastVerified.remove(prefix);
        return cache.invalidate(prefix);
    }
}

package io.tripwire.controlplane.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Reads the API key from {@code Authorization: Bearer twk_…} or {@code X-API-Key} on every request
 * except the open health and metrics paths, where no credential is looked at. A missing or malformed
 * key fails authentication here, so no path can be reached anonymously by mistake.
 */
@ApplicationScoped
@Priority(2000)
public class ApiKeyAuthenticationMechanism implements HttpAuthenticationMechanism {

    static final String API_KEY_HEADER = "X-API-Key";
    private static final String BEARER = "Bearer ";

    private final OpenPaths openPaths;

    public ApiKeyAuthenticationMechanism(OpenPaths openPaths) {
        this.openPaths = openPaths;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        if (openPaths.isOpen(context.normalizedPath())) {
            return Uni.createFrom().nullItem();
        }
        String presented = presentedKey(context);
        if (presented == null) {
            return Uni.createFrom().failure(new AuthenticationFailedException("API key required"));
        }
        return ApiKeyToken.parse(presented)
                .map(token -> identityProviderManager.authenticate(new ApiKeyAuthenticationRequest(token)))
                .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException("malformed API key")));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "bearer"));
    }

    private static String presentedKey(RoutingContext context) {
        String authorization = context.request().getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return authorization.substring(BEARER.length()).trim();
        }
        return context.request().getHeader(API_KEY_HEADER);
    }
}

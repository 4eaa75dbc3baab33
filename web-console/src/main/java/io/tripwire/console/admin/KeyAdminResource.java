package io.tripwire.console.admin;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.auth.ApiKeyRecord;
import io.tripwire.controlplane.auth.ApiKeyScope;
import io.tripwire.controlplane.auth.ApiKeyService;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.reject.RejectException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * API-key administration (scope {@code keys:admin}): create, list, rotate (24 h grace, or none with
 * {@code ?grace=false}), revoke (immediate; also the keys it replaced still in grace), revoke every live
 * key of one name. Bad input is a 4xx with the reject body, never a 500.
 */
@Path("/api/v1/admin/keys")
@RolesAllowed(ApiKeyScope.Names.KEYS_ADMIN)
public class KeyAdminResource {

    /** Request to issue a key. */
    public record CreateKey(
            @NotBlank @Size(min = 3, max = 64) String name,
            @NotEmpty Set<@NotNull @Pattern(regexp = "[a-z:]+") String> scopes,
            @Min(1) @Max(365) Integer ttlDays) {
    }

    /** Request to revoke a key. */
    public record RevokeKey(@NotBlank @Size(min = 10, max = 500) String reason) {
    }

    /** Request to revoke every live key of one holder (the key name every rotation keeps). */
    public record RevokeAll(@NotBlank @Size(min = 3, max = 64) String name, @NotBlank @Size(min = 10, max = 500) String reason) {
    }

    /** The keys one revocation refused (the named key first, then the keys it replaced that were in grace). */
    public record Revoked(String prefix, boolean revoked, List<String> revokedPrefixes) {
    }

    /** The keys a revoke-all refused. */
    public record RevokedAll(String name, List<String> revokedPrefixes) {
    }

    /** A rotation: the new key (shown this once) and until when the replaced key works ({@code replacedRevoked}: not at all). */
    public record RotatedKeyView(String key, KeyView details, String replaced, Instant replacedValidUntil,
                                 boolean replacedRevoked) {
    }

    /** A key as listed: never its secret. */
    public record KeyView(String prefix, String name, List<String> scopes, Instant createdAt, String createdBy,
                          Instant expiresAt, Instant revokedAt, String replacedBy) {
        static KeyView of(ApiKeyRecord r) {
            return new KeyView(r.prefix(), r.name(), r.scopes().stream().sorted().toList(), r.createdAt(), r.createdBy(),
                    r.expiresAt(), r.revokedAt(), r.replacedBy());
        }
    }

    /** A newly issued key: {@code key} is shown this once and never again. */
    public record IssuedKeyView(String key, KeyView details) {
    }

    private final ApiKeyService keys;
    private final SecurityIdentity identity;

    public KeyAdminResource(ApiKeyService keys, SecurityIdentity identity) {
        this.keys = keys;
        this.identity = identity;
    }

    @POST
    public Uni<Response> create(@Valid @NotNull CreateKey request) {
        Duration ttl = Duration.ofDays(request.ttlDays() == null ? 90 : request.ttlDays());
        return keys.issue(request.name(), scopes(request.scopes()), ttl, actor())
                .map(issued -> Response.status(201)
                        .entity(new IssuedKeyView(issued.token().reveal(), KeyView.of(issued.record()))).build());
    }

    @GET
    public Uni<List<KeyView>> list() {
        return keys.list().map(all -> all.stream().map(KeyView::of).toList());
    }

    @POST
    @Path("/{prefix}/rotate")
    public Uni<Response> rotate(@PathParam("prefix") @Pattern(regexp = "[a-z0-9]{8}") String prefix,
                                @QueryParam("grace") String grace) {
        return keys.rotate(prefix, actor(), grace(grace))
                .map(rotation -> Response.status(201).entity(new RotatedKeyView(rotation.replacement().token().reveal(),
                        KeyView.of(rotation.replacement().record()), rotation.replaced(), rotation.replacedValidUntil(),
                        rotation.replacedRevoked())).build());
    }

    @POST
    @Path("/{prefix}/revoke")
    public Uni<Response> revoke(@PathParam("prefix") @Pattern(regexp = "[a-z0-9]{8}") String prefix,
                                @Valid @NotNull RevokeKey request) {
        return keys.revoke(prefix, actor(), request.reason()).map(revoked -> {
            if (revoked.isEmpty()) {
                throw new RejectException(RejectCode.NOT_FOUND, "no live key " + prefix);
            }
            return Response.ok(new Revoked(prefix, true, revoked)).build();
        });
    }

    @POST
    @Path("/revoke-all")
    public Uni<Response> revokeAll(@Valid @NotNull RevokeAll request) {
        return keys.revokeAllNamed(request.name(), actor(), request.reason()).map(revoked -> {
            if (revoked.isEmpty()) {
                throw new RejectException(RejectCode.NOT_FOUND, "no live key named " + request.name(),
                        Map.of("name", request.name()));
            }
            return Response.ok(new RevokedAll(request.name(), revoked)).build();
        });
    }

    /** {@code grace} absent or {@code true}: the 24 h grace; {@code false}: none. Anything else is a 400. */
    private static boolean grace(String value) {
        if (value == null || value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new RejectException(RejectCode.VALIDATION_FAILED, "grace must be true or false",
                Map.of("fields", Map.of("grace", "must be true or false")));
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }

    private static Set<ApiKeyScope> scopes(Set<String> names) {
        return names.stream().map(name -> ApiKeyScope.fromValue(name).orElseThrow(() ->
                        new RejectException(RejectCode.VALIDATION_FAILED, "unknown scope " + name,
                                Map.of("fields", Map.of("scopes", "unknown scope " + name)))))
                .collect(Collectors.toSet());
    }
}

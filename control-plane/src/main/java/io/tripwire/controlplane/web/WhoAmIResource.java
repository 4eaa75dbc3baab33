package io.tripwire.controlplane.web;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.tripwire.controlplane.heartbeat.InstanceId;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** {@code GET /api/v1/whoami} on every service: which key is calling, with which scopes, answered by which instance. */
@Path("/api/v1/whoami")
@Authenticated
public class WhoAmIResource {

    /** The caller as this service sees it. */
    public record WhoAmI(String principal, List<String> scopes, String service, String instance) {
    }

    private final SecurityIdentity identity;
    private final String service;
    private final InstanceId instance;

    public WhoAmIResource(SecurityIdentity identity, @ConfigProperty(name = "quarkus.application.name") String service,
                          InstanceId instance) {
        this.identity = identity;
        this.service = service;
        this.instance = instance;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public WhoAmI whoami() {
        return new WhoAmI(identity.getPrincipal().getName(), identity.getRoles().stream().sorted().toList(), service,
                instance.value());
    }
}

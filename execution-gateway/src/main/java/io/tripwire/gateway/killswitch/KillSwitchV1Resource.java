package io.tripwire.gateway.killswitch;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Path;

/** The kill-switch API at {@code /api/v1/kill-switch}: the same endpoints as {@link KillSwitchResource}. */
@Path("/api/v1/kill-switch")
public class KillSwitchV1Resource extends KillSwitchResource {

    public KillSwitchV1Resource(KillSwitchService service, SecurityIdentity identity, ObjectMapper json) {
        super(service, identity, json);
    }
}

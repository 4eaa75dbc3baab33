package io.tripwire.controlplane.testing;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/** A test-only endpoint guarded by one scope, to prove 403 for keys without it. */
@Path("/test/orders")
public class ScopedTestResource {

    @POST
    @RolesAllowed("orders:write")
    public String place() {
        return "placed";
    }
}

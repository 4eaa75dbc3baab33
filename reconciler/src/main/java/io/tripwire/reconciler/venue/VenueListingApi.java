package io.tripwire.reconciler.venue;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The two Alpaca v2 reads the reconciler needs beyond {@code Venue}: order pages with their submission
 * time (the cursor Alpaca's {@code after} filters on) and the targeted single-position lookup. Same
 * venue, URL and keys as the shared client ({@code tripwire.venue.*}).
 */
@RegisterRestClient(configKey = "alpaca")
@ClientHeaderParam(name = "APCA-API-KEY-ID", value = "${tripwire.venue.key-id}")
@ClientHeaderParam(name = "APCA-API-SECRET-KEY", value = "${tripwire.venue.secret-key}")
@Path("/v2")
interface VenueListingApi {

    @GET
    @Path("/orders")
    Uni<List<ListedOrder>> orders(@QueryParam("status") String status, @QueryParam("after") String after,
                                  @QueryParam("limit") int limit, @QueryParam("direction") String direction);

    @GET
    @Path("/positions/{symbol}")
    Uni<ListedPosition> position(@PathParam("symbol") String symbol);
}

package io.tripwire.controlplane.venue.alpaca;

import io.quarkus.rest.client.reactive.ClientQueryParam;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The subset of the Alpaca Trading API v2 the gateway uses (raw client; {@link AlpacaVenue} wraps it). */
@RegisterRestClient(configKey = "alpaca")
@ClientHeaderParam(name = "APCA-API-KEY-ID", value = "${tripwire.venue.key-id}")
@ClientHeaderParam(name = "APCA-API-SECRET-KEY", value = "${tripwire.venue.secret-key}")
@Path("/v2")
interface AlpacaApi {

    @POST
    @Path("/orders")
    Uni<AlpacaOrder> submit(AlpacaOrderRequest request);

    @GET
    @Path("/orders:by_client_order_id")
    Uni<AlpacaOrder> byClientOrderId(@QueryParam("client_order_id") String clientOrderId);

    @GET
    @Path("/orders")
    @ClientQueryParam(name = "direction", value = "asc")
    Uni<List<AlpacaOrder>> orders(@QueryParam("status") String status, @QueryParam("after") String after,
                                  @QueryParam("limit") int limit);

    @DELETE
    @Path("/orders/{id}")
    Uni<Void> cancel(@PathParam("id") String id);

    @DELETE
    @Path("/orders")
    Uni<List<AlpacaCancelResult>> cancelAll();

    @GET
    @Path("/positions")
    Uni<List<AlpacaPosition>> positions();

    @GET
    @Path("/account")
    Uni<AlpacaAccount> account();
}

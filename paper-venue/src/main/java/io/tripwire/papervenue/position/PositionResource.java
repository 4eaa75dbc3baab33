package io.tripwire.papervenue.position;

import io.smallrye.mutiny.Uni;
import io.tripwire.papervenue.alpaca.AlpacaException;
import io.tripwire.papervenue.alpaca.AlpacaFailures;
import io.tripwire.papervenue.alpaca.MultiStatus;
import io.tripwire.papervenue.order.OrderView;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/** Alpaca Trading API v2 positions: list, get one, close one, close all. */
@Path("/v2/positions")
@Produces(MediaType.APPLICATION_JSON)
public class PositionResource {

    private final PositionService positions;

    public PositionResource(PositionService positions) {
        this.positions = positions;
    }

    @GET
    public Uni<List<PositionView>> list() {
        return positions.list().onFailure().transform(AlpacaFailures.asAlpaca());
    }

    @GET
    @Path("/{symbol}")
    public Uni<PositionView> get(@RestPath String symbol) {
        return Uni.createFrom().item(symbol).chain(positions::get).onFailure().transform(AlpacaFailures.asAlpaca());
    }

    @DELETE
    @Path("/{symbol}")
    public Uni<OrderView> close(@RestPath String symbol) {
        return Uni.createFrom().item(symbol).chain(positions::close).onFailure().transform(AlpacaFailures.asAlpaca());
    }

    @DELETE
    public Uni<RestResponse<List<ClosePositionResult>>> closeAll(@RestQuery("cancel_orders") String cancelOrders) {
        return Uni.createFrom().item(() -> flag(cancelOrders))
                .chain(positions::closeAll)
                .map(MultiStatus::of)
                .onFailure().transform(AlpacaFailures.asAlpaca());
    }

    private static boolean flag(String raw) {
        if (raw == null || raw.equalsIgnoreCase("false")) {
            return false;
        }
        if (raw.equalsIgnoreCase("true")) {
            return true;
        }
        throw AlpacaException.invalid("cancel_orders must be true or false");
    }
}

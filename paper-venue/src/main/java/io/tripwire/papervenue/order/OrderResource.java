package io.tripwire.papervenue.order;

import io.smallrye.mutiny.Uni;
import io.tripwire.papervenue.alpaca.AlpacaException;
import io.tripwire.papervenue.alpaca.AlpacaFailures;
import io.tripwire.papervenue.alpaca.JsonBody;
import io.tripwire.papervenue.alpaca.MultiStatus;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/** Alpaca Trading API v2 orders: submit, list, get (by id or client order id), cancel one, cancel all. */
@Path("/v2")
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {

    private final OrderService orders;
    private final OrderCancellation cancellation;
    private final OrderValidator validator;
    private final JsonBody json;

    public OrderResource(OrderService orders, OrderCancellation cancellation, OrderValidator validator,
                         JsonBody json) {
        this.orders = orders;
        this.cancellation = cancellation;
        this.validator = validator;
        this.json = json;
    }

    @POST
    @Path("/orders")
    @Consumes(MediaType.WILDCARD)
    public Uni<OrderView> submit(String body) {
        return Uni.createFrom().item(() -> validator.validate(json.read(body, CreateOrderRequest.class)))
                .chain(orders::place)
                .map(OrderView::of)
                .onFailure().transform(AlpacaFailures.asAlpaca());
    }

    @GET
    @Path("/orders")
    public Uni<List<OrderView>> list(@RestQuery String status, @RestQuery String limit, @RestQuery String after,
                                     @RestQuery String until, @RestQuery String direction, @RestQuery String symbols) {
        return Uni.createFrom().item(() -> OrderQuery.parse(status, limit, after, until, direction, symbols))
                .chain(orders::list)
                .map(list -> list.stream().map(OrderView::of).toList())
                .onFailure().transform(AlpacaFailures.asAlpaca());
    }

    @GET
    @Path("/orders/{orderId}")
    public Uni<OrderView> get(@RestPath String orderId) {
        return Uni.createFrom().item(() -> uuid(orderId)).chain(orders::get).map(OrderView::of)
                .onFailure().transform(AlpacaFailures.asAlpaca());
    }

    @GET
    @Path("/orders:by_client_order_id")
    public Uni<OrderView> byClientOrderId(@RestQuery("client_order_id") String clientOrderId) {
        if (clientOrderId == null || clientOrderId.isBlank()) {
            return Uni.createFrom().failure(AlpacaException.invalid("client_order_id is required"));
        }
        return orders.byClientOrderId(clientOrderId).map(OrderView::of).onFailure().transform(AlpacaFailures.asAlpaca());
    }

    @DELETE
    @Path("/orders/{orderId}")
    public Uni<RestResponse<Void>> cancel(@RestPath String orderId) {
        return Uni.createFrom().item(() -> uuid(orderId)).chain(cancellation::cancel)
                .map(order -> RestResponse.<Void>noContent())
                .onFailure().transform(AlpacaFailures.asAlpaca());
    }

    @DELETE
    @Path("/orders")
    public Uni<RestResponse<List<CancelResult>>> cancelAll() {
        return cancellation.cancelAll()
                .map(outcomes -> outcomes.stream().map(o -> new CancelResult(o.id(), o.status(),
                        o.order() != null ? OrderView.of(o.order()) : o.error().body())).toList())
                .map(MultiStatus::of)
                .onFailure().transform(AlpacaFailures.asAlpaca());
    }

    private static UUID uuid(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw AlpacaException.invalid("order id is not a valid UUID");
        }
    }
}

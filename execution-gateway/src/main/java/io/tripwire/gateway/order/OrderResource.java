package io.tripwire.gateway.order;

import io.tripwire.controlplane.order.Order;
import io.tripwire.controlplane.order.OrderRepository;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.auth.ApiKeyIdentityProvider;
import io.tripwire.controlplane.auth.ApiKeyScope;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.reject.RejectException;
import io.tripwire.gateway.GatewayMetrics;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The order API: submit, follow, cancel. Thin: every rule lives in {@link OrderService} and {@link CancelService}. */
@Path("/api/v1/orders")
public class OrderResource {

    private final OrderService service;
    private final CancelService cancels;
    private final OrderRepository orders;
    private final SecurityIdentity identity;
    private final GatewayMetrics metrics;

    public OrderResource(OrderService service, CancelService cancels, OrderRepository orders, SecurityIdentity identity,
                         GatewayMetrics metrics) {
        this.service = service;
        this.cancels = cancels;
        this.orders = orders;
        this.identity = identity;
        this.metrics = metrics;
    }

    @POST
    @RolesAllowed(ApiKeyScope.Names.ORDERS_WRITE)
    public Uni<Response> submit(@Valid @NotNull OrderRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        long started = System.nanoTime();
        if (idempotencyKey != null && request.clientOrderId() != null && !idempotencyKey.equals(request.clientOrderId())) {
            return Uni.createFrom().failure(new RejectException(RejectCode.VALIDATION_FAILED,
                    "Idempotency-Key and client_order_id differ", Map.of("fields", Map.of("client_order_id", "differs from Idempotency-Key"))));
        }
        if (idempotencyKey != null && !idempotencyKey.matches("[A-Za-z0-9._-]{1,64}")) {
            return Uni.createFrom().failure(new RejectException(RejectCode.VALIDATION_FAILED, "invalid Idempotency-Key",
                    Map.of("fields", Map.of("Idempotency-Key", "must match [A-Za-z0-9._-]{1,64}"))));
        }
        OrderRequest keyed = idempotencyKey != null && request.clientOrderId() == null
                ? request.withClientOrderId(idempotencyKey) : request;
        String keyPrefix = identity.getAttribute(ApiKeyIdentityProvider.PREFIX_ATTRIBUTE);
        return service.place(keyed, keyPrefix, "api")
                .map(placed -> Response.status(201).entity(OrderView.of(placed.order()))
                        .header("Idempotent-Replayed", placed.duplicate() ? "true" : null).build())
                .onTermination().invoke((ok, failure, cancelled) -> metrics.request("submit",
                        failure == null ? "accepted" : failure instanceof RejectException r ? r.code().name() : "error",
                        System.nanoTime() - started));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(ApiKeyScope.Names.ORDERS_READ)
    public Uni<OrderView> get(@PathParam("id") UUID id) {
        return orders.find(id).map(order -> {
            if (order == null) {
                throw new RejectException(RejectCode.NOT_FOUND, "no order " + id);
            }
            return OrderView.of(order);
        });
    }

    @GET
    @RolesAllowed(ApiKeyScope.Names.ORDERS_READ)
    public Uni<List<OrderView>> list(@QueryParam("status") String status) {
        if (status != null && !status.equals("open") && !status.equals("all")) {
            return Uni.createFrom().failure(new RejectException(RejectCode.VALIDATION_FAILED, "status must be open or all",
                    Map.of("fields", Map.of("status", "open|all"))));
        }
        Uni<List<Order>> found = "open".equals(status) ? orders.open(1_000) : orders.recent(500);
        return found.map(list -> list.stream().map(OrderView::of).toList());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(ApiKeyScope.Names.ORDERS_WRITE)
    public Uni<OrderView> cancel(@PathParam("id") UUID id) {
        return cancels.cancel(id, identity.getPrincipal().getName()).map(OrderView::of);
    }

    @DELETE
    @RolesAllowed(ApiKeyScope.Names.ORDERS_WRITE)
    public Uni<Map<String, Object>> cancelAll() {
        return cancels.cancelAll(identity.getPrincipal().getName()).map(n -> Map.of("cancel_requested", n));
    }
}

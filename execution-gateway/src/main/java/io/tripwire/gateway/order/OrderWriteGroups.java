package io.tripwire.gateway.order;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.group.CommitGroupMetrics;
import io.tripwire.controlplane.group.CommitGroups;
import io.tripwire.controlplane.order.Order;
import io.tripwire.controlplane.order.OrderRepository;
import io.tripwire.gateway.GatewayConfig;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collections;

/**
 * Writes new orders and order status moves in groups (ADR 0033): whatever is asked for while a group is
 * being written joins the next one, which is one statement and one commit. Inserts and status moves are
 * two separate sequences. Two moves of one order never share a group, so they keep their order.
 */
@ApplicationScoped
public class OrderWriteGroups {

    static final String INSERT_METRICS = "execution_gateway_order_insert";
    static final String UPDATE_METRICS = "execution_gateway_order_update";

    private final CommitGroups<OrderRepository.NewOrder, Void> inserts;
    private final CommitGroups<OrderRepository.Advance, OrderRepository.Advanced> advances;

    public OrderWriteGroups(OrderRepository orders, Pool pool, GatewayConfig config, MeterRegistry registry) {
        int max = config.orderWriteGroupMax();
        this.inserts = new CommitGroups<>("order inserts", max, null,
                created -> orders.insertAll(pool, created).map(done -> Collections.nCopies(created.size(), CommitGroups.Outcome.of(null))),
                new CommitGroupMetrics(registry, INSERT_METRICS, "new orders"));
        this.advances = new CommitGroups<>("order status updates", max, OrderRepository.Advance::id,
                moves -> orders.advanceAll(moves).map(answers -> answers.stream().map(CommitGroups.Outcome::of).toList()),
                new CommitGroupMetrics(registry, UPDATE_METRICS, "order status updates"));
        CommitGroupMetrics.watchWaiting(registry, INSERT_METRICS, "new orders", inserts::waiting);
        CommitGroupMetrics.watchWaiting(registry, UPDATE_METRICS, "order status updates", advances::waiting);
    }

    /** The order and its CREATED event, durable when the item arrives. */
    public Uni<Void> insert(Order order, String actor) {
        return inserts.submit(new OrderRepository.NewOrder(order, actor));
    }

    /** The move, written with the next group; {@code null} item when it did not move the order forward. */
    public Uni<OrderRepository.Advanced> advance(OrderRepository.Advance move) {
        return advances.submit(move);
    }
}

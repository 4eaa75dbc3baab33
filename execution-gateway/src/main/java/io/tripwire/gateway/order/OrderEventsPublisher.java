package io.tripwire.gateway.order;

import io.tripwire.controlplane.order.Order;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.tripwire.controlplane.keys.RedisKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;

/**
 * Publishes order status changes on the {@code orders:events} stream for clients that follow orders
 * without polling. Best effort: PostgreSQL is the record, GET /api/v1/orders/{id} always answers.
 */
@ApplicationScoped
public class OrderEventsPublisher {

    private static final long MAX_LENGTH = 1_000_000;

    private final ReactiveStreamCommands<String, String, String> streams;
    private final RedisKeys keys;

    public OrderEventsPublisher(ReactiveRedisDataSource redis, RedisKeys keys) {
        this.streams = redis.stream(String.class);
        this.keys = keys;
    }

    public void publish(Order order) {
        Map<String, String> fields = new HashMap<>();
        fields.put("order_id", order.id().toString());
        fields.put("client_order_id", order.clientOrderId());
        fields.put("symbol", order.symbol());
        fields.put("side", order.side().name());
        fields.put("status", order.status().name());
        fields.put("qty", order.quantity().toPlainString());
        fields.put("filled_qty", order.filledQty().toPlainString());
        if (order.avgFillPrice() != null) {
            fields.put("avg_fill_price", order.avgFillPrice().toPlainString());
        }
        if (order.rejectCode() != null) {
            fields.put("reject_code", order.rejectCode());
        }
        fields.put("updated_at", order.updatedAt().toString());
        streams.xadd(keys.orderEvents(), new XAddArgs().maxlen(MAX_LENGTH).nearlyExactTrimming(), fields)
                .subscribe().with(id -> { }, e -> Log.debugf("orders:events not written: %s", e.getMessage()));
    }
}

package io.tripwire.papervenue.order;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tripwire.papervenue.alpaca.AlpacaException;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Cancels open orders. A filled, canceled or expired order is not cancelable (Alpaca's 422). */
@ApplicationScoped
public class OrderCancellation {

    /** Per-order outcome of cancel-all: HTTP status, and the order (200) or the error (otherwise). */
    public record Outcome(UUID id, int status, PaperOrder order, AlpacaException error) {
    }

    private final Pool pool;
    private final OrderRepository orders;
    private final Clock clock;

    public OrderCancellation(Pool pool, OrderRepository orders, Clock clock) {
        this.pool = pool;
        this.orders = orders;
        this.clock = clock;
    }

    /** Cancels one order; the row lock makes it exclusive with a fill of the same order. */
    public Uni<PaperOrder> cancel(UUID id) {
        return pool.withTransaction(tx -> orders.lock(tx, id).chain(order -> {
            if (order == null) {
                return Uni.createFrom().failure(AlpacaException.notFound("order not found"));
            }
            if (!order.status().isOpen()) {
                return Uni.createFrom().failure(AlpacaException.unprocessable(
                        "order is not cancelable: it is already " + order.status().wire()));
            }
            return orders.markCanceled(tx, id, clock.instant().truncatedTo(ChronoUnit.MICROS))
                    .chain(() -> orders.find(tx, id));
        })).invoke(order -> Log.infof("Paper order %s (%s) canceled", order.id(), order.clientOrderId()));
    }

    /** Cancels every open order, one transaction each, and reports each outcome. */
    public Uni<List<Outcome>> cancelAll() {
        return orders.openIds(pool).chain(ids -> Multi.createFrom().iterable(ids)
                .onItem().transformToUniAndConcatenate(id -> cancel(id)
                        .map(order -> new Outcome(id, 200, order, null))
                        .onFailure().recoverWithItem(e -> new Outcome(id, statusOf(e), null, asAlpaca(e))))
                .collect().asList());
    }

    private static int statusOf(Throwable e) {
        return asAlpaca(e).status();
    }

    private static AlpacaException asAlpaca(Throwable e) {
        return e instanceof AlpacaException a ? a : AlpacaException.internal("cancel failed");
    }
}

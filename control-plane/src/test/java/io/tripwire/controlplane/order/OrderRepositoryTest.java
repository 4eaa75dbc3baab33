package io.tripwire.controlplane.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.tripwire.controlplane.testing.TestStores;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Status moves (forward only, each with its event row) and the open-order reads. */
@QuarkusTest
class OrderRepositoryTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Instant T0 = Instant.parse("2026-11-21T14:30:00Z");

    @Inject OrderRepository orders;
    @Inject ReactiveRedisDataSource redis;
    @Inject Pool pool;

    @BeforeEach
    void emptyStores() {
        TestStores.clean(redis, pool);
    }

    @Test
    void aMoveGoesForwardWithItsEventRowAndAnOlderReportMovesNothing() {
        Order submitted = stored(OrderStatus.SUBMITTED);
        Order filled = stored(OrderStatus.FILLED);

        OrderRepository.Advanced fill = advance(submitted, OrderStatus.FILLED, "10", "101.25");
        OrderRepository.Advanced stale = advance(filled, OrderStatus.ACCEPTED, "0", null);

        assertThat(fill.previousStatus()).isEqualTo(OrderStatus.SUBMITTED);
        assertThat(fill.order().status()).isEqualTo(OrderStatus.FILLED);
        assertThat(fill.order().filledQty()).isEqualByComparingTo("10");
        assertThat(fill.order().avgFillPrice()).isEqualByComparingTo("101.25");
        assertThat(stale).isNull();
        assertThat(statusOf(filled)).isEqualTo("FILLED");
        assertThat(eventsOf(submitted)).containsExactly("FILLED");
        assertThat(eventsOf(filled)).isEmpty();
    }

    @Test
    void aFillNeverShrinksAndAPartialFillOfTheSameRankStillMovesItUp() {
        Order partly = stored(OrderStatus.SUBMITTED);
        orders.advance(partly.id(), OrderStatus.PARTIALLY_FILLED, new BigDecimal("4"), new BigDecimal("100"), "v-1",
                null, null, "venue", Map.of(), T0).await().atMost(WAIT);

        OrderRepository.Advanced smaller = advance(partly, OrderStatus.PARTIALLY_FILLED, "3", "100");
        OrderRepository.Advanced more = orders.advance(partly.id(), OrderStatus.PARTIALLY_FILLED, new BigDecimal("6"),
                new BigDecimal("100.5"), null, null, null, "venue", Map.of(), T0).await().atMost(WAIT);

        assertThat(smaller).isNull();
        assertThat(more.previousFilled()).isEqualByComparingTo("4");
        assertThat(more.order().filledQty()).isEqualByComparingTo("6");
        assertThat(more.order().venueOrderId()).isEqualTo("v-1");
    }

    @Test
    void theVenuePollReadsOnlyQuietOrdersTheVenueCanStillMoveOldestFirst() {
        Order unsent = stored(OrderStatus.NEW, T0);
        Order accepted = stored(OrderStatus.ACCEPTED, T0.plusSeconds(2));
        Order submitted = stored(OrderStatus.SUBMITTED, T0.plusSeconds(1));
        Order unknown = stored(OrderStatus.UNKNOWN, T0);
        Order partly = stored(OrderStatus.PARTIALLY_FILLED, T0.plusSeconds(3));
        stored(OrderStatus.FILLED, T0);

        assertThat(orders.atVenue(T0.plusSeconds(10), 10).await().atMost(WAIT)).extracting(Order::id)
                .containsExactly(submitted.id(), accepted.id(), partly.id());
        assertThat(orders.atVenue(T0.plusSeconds(10), 2).await().atMost(WAIT)).hasSize(2);
        assertThat(orders.atVenue(T0.plusSeconds(2), 10).await().atMost(WAIT)).as("changed at or after the cut: not yet")
                .extracting(Order::id).containsExactly(submitted.id());
        assertThat(orders.open(10).await().atMost(WAIT)).extracting(Order::id)
                .contains(unsent.id(), unknown.id());
    }

    private OrderRepository.Advanced advance(Order order, OrderStatus status, String filled, String price) {
        return orders.advance(order.id(), status, new BigDecimal(filled), price == null ? null : new BigDecimal(price), null,
                null, null, "venue", Map.of("why", "test"), T0.plusSeconds(1)).await().atMost(WAIT);
    }

    private Order stored(OrderStatus status) {
        return stored(status, T0);
    }

    private Order stored(OrderStatus status, Instant createdAt) {
        Order order = order(status, createdAt);
        orders.insert(pool, order, "test").await().atMost(WAIT);
        return order;
    }

    private static Order order(OrderStatus status, Instant createdAt) {
        UUID id = UUID.randomUUID();
        return new Order(id, "c-" + id, "hash", "tw_test", "s1", null, "SPY", Side.BUY, OrderType.MARKET,
                TimeInForce.DAY, new BigDecimal("10"), null, new BigDecimal("100"), false, null, status,
                status == OrderStatus.FILLED ? new BigDecimal("10") : BigDecimal.ZERO, null, "paper", null, null, null,
                "api", createdAt, createdAt);
    }

    private String statusOf(Order order) {
        return pool.preparedQuery("SELECT status FROM orders WHERE id = $1").execute(Tuple.of(order.id()))
                .await().atMost(WAIT).iterator().next().getString("status");
    }

    /** The statuses of the order's STATUS events, oldest first. */
    private List<String> eventsOf(Order order) {
        List<String> statuses = new java.util.ArrayList<>();
        pool.preparedQuery("SELECT status FROM order_events WHERE order_id = $1 AND event = 'STATUS' ORDER BY id")
                .execute(Tuple.of(order.id())).await().atMost(WAIT).forEach(r -> statuses.add(r.getString("status")));
        return statuses;
    }
}

package io.tripwire.controlplane.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/**
 * Orders and status moves written several to one statement (inserts all or none, moves forward only, each
 * with its event row and its own answer), and the open-order reads.
 */
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
    void oneStatementInsertsEveryOrderWithItsCreatedEventExactly() {
        Order first = order(OrderStatus.NEW, "first");
        Order second = order(OrderStatus.NEW, "second");

        orders.insertAll(pool, List.of(new OrderRepository.NewOrder(first, "api:tw_a"),
                new OrderRepository.NewOrder(second, "api:tw_b"))).await().atMost(WAIT);

        Order read = orders.find(second.id()).await().atMost(WAIT);
        assertThat(read).usingRecursiveComparison().withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(second);
        assertThat(eventsOf(first, "CREATED")).containsExactly("NEW");
        assertThat(actorsOf(second)).containsExactly("api:tw_b");
    }

    @Test
    void aGroupWithAReusedClientOrderIdInsertsNothing() {
        Order stored = stored(OrderStatus.NEW);
        Order fresh = order(OrderStatus.NEW, "fresh");
        Order reused = order(OrderStatus.NEW, stored.clientOrderId());

        assertThatThrownBy(() -> orders.insertAll(pool, List.of(new OrderRepository.NewOrder(fresh, "api"),
                new OrderRepository.NewOrder(reused, "api"))).await().atMost(WAIT)).hasMessageContaining("client_order_id");

        assertThat(orders.find(fresh.id()).await().atMost(WAIT)).isNull();
    }

    @Test
    void oneStatementMovesEveryOrderForwardAndAnswersEachMoveInItsPlace() {
        Order submitted = stored(OrderStatus.SUBMITTED);
        Order fresh = stored(OrderStatus.NEW);
        Order filled = stored(OrderStatus.FILLED);

        List<OrderRepository.Advanced> answers = orders.advanceAll(List.of(
                move(submitted, OrderStatus.FILLED, "10", "101.25"),
                move(filled, OrderStatus.ACCEPTED, "0", null), // an older venue report: moves nothing
                move(fresh, OrderStatus.SUBMITTED, "0", null))).await().atMost(WAIT);

        assertThat(answers).hasSize(3);
        assertThat(answers.get(0).previousStatus()).isEqualTo(OrderStatus.SUBMITTED);
        assertThat(answers.get(0).order().status()).isEqualTo(OrderStatus.FILLED);
        assertThat(answers.get(0).order().filledQty()).isEqualByComparingTo("10");
        assertThat(answers.get(0).order().avgFillPrice()).isEqualByComparingTo("101.25");
        assertThat(answers.get(1)).isNull();
        assertThat(answers.get(2).previousStatus()).isEqualTo(OrderStatus.NEW);
        assertThat(answers.get(2).order().id()).isEqualTo(fresh.id());
        assertThat(answers.get(2).order().status()).isEqualTo(OrderStatus.SUBMITTED);

        assertThat(statusOf(filled)).isEqualTo("FILLED");
        assertThat(eventsOf(submitted)).containsExactly("FILLED");
        assertThat(eventsOf(filled)).isEmpty();
        assertThat(eventsOf(fresh)).containsExactly("SUBMITTED");
    }

    @Test
    void aFillNeverShrinksAndAPartialFillOfTheSameRankStillMovesItUp() {
        Order partly = stored(OrderStatus.SUBMITTED);
        orders.advance(partly.id(), OrderStatus.PARTIALLY_FILLED, new BigDecimal("4"), new BigDecimal("100"), "v-1",
                null, null, "venue", Map.of(), T0).await().atMost(WAIT);

        List<OrderRepository.Advanced> answers = orders.advanceAll(List.of(
                move(partly, OrderStatus.PARTIALLY_FILLED, "3", "100"))).await().atMost(WAIT);
        OrderRepository.Advanced more = orders.advance(partly.id(), OrderStatus.PARTIALLY_FILLED, new BigDecimal("6"),
                new BigDecimal("100.5"), null, null, null, "venue", Map.of(), T0).await().atMost(WAIT);

        assertThat(answers).containsExactly((OrderRepository.Advanced) null);
        assertThat(more.previousFilled()).isEqualByComparingTo("4");
        assertThat(more.order().filledQty()).isEqualByComparingTo("6");
        assertThat(more.order().venueOrderId()).isEqualTo("v-1");
    }

    @Test
    void theVenuePollReadsOnlyOrdersTheVenueCanStillMoveOldestFirst() {
        Order unsent = stored(OrderStatus.NEW, T0);
        Order accepted = stored(OrderStatus.ACCEPTED, T0.plusSeconds(2));
        Order submitted = stored(OrderStatus.SUBMITTED, T0.plusSeconds(1));
        Order unknown = stored(OrderStatus.UNKNOWN, T0);
        Order partly = stored(OrderStatus.PARTIALLY_FILLED, T0.plusSeconds(3));
        stored(OrderStatus.FILLED, T0);

        assertThat(orders.atVenue(10).await().atMost(WAIT)).extracting(Order::id)
                .containsExactly(submitted.id(), accepted.id(), partly.id());
        assertThat(orders.atVenue(2).await().atMost(WAIT)).hasSize(2);
        assertThat(orders.open(10).await().atMost(WAIT)).extracting(Order::id)
                .contains(unsent.id(), unknown.id());
    }

    private OrderRepository.Advance move(Order order, OrderStatus status, String filled, String price) {
        return new OrderRepository.Advance(order.id(), status, new BigDecimal(filled), price == null ? null : new BigDecimal(price),
                null, null, null, "venue", Map.of("why", "test"), T0.plusSeconds(1));
    }

    private Order stored(OrderStatus status) {
        return stored(status, T0);
    }

    private Order stored(OrderStatus status, Instant createdAt) {
        Order order = order(status, null, createdAt);
        orders.insert(pool, order, "test").await().atMost(WAIT);
        return order;
    }

    private static Order order(OrderStatus status, String clientOrderId) {
        return order(status, clientOrderId, T0);
    }

    private static Order order(OrderStatus status, String clientOrderId, Instant createdAt) {
        UUID id = UUID.randomUUID();
        return new Order(id, clientOrderId == null ? "c-" + id : clientOrderId, "hash", "tw_test", "s1", null, "SPY", Side.BUY, OrderType.MARKET,
                TimeInForce.DAY, new BigDecimal("10"), null, new BigDecimal("100"), false, null, status,
                status == OrderStatus.FILLED ? new BigDecimal("10") : BigDecimal.ZERO, null, "paper", null, null, null,
                "api", createdAt, createdAt);
    }

    private String statusOf(Order order) {
        return pool.preparedQuery("SELECT status FROM orders WHERE id = $1").execute(Tuple.of(order.id()))
                .await().atMost(WAIT).iterator().next().getString("status");
    }

    private List<String> eventsOf(Order order) {
        return eventsOf(order, "STATUS");
    }

    private List<String> eventsOf(Order order, String event) {
        return column("SELECT status FROM order_events WHERE order_id = $1 AND event = '" + event + "' ORDER BY id", order);
    }

    private List<String> actorsOf(Order order) {
        return column("SELECT actor FROM order_events WHERE order_id = $1 ORDER BY id", order);
    }

    private List<String> column(String sql, Order order) {
        List<String> values = new java.util.ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.of(order.id())).await().atMost(WAIT).forEach(r -> values.add(r.getString(0)));
        return values;
    }
}

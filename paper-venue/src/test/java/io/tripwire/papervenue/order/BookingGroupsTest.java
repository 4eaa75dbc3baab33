package io.tripwire.papervenue.order;

import static io.tripwire.papervenue.AlpacaOrders.market;
import static io.tripwire.papervenue.VenueTestSupport.alpaca;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tripwire.papervenue.VenueTestSupport;
import io.tripwire.papervenue.market.MarketSimulator;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Orders that arrive while a booking group holds the account are booked together, one after the other in
 * one transaction. The test holds the account lock itself, so the first order's group waits on it and the
 * next orders deterministically queue up for the following group.
 */
@QuarkusTest
class BookingGroupsTest {

    @Inject VenueTestSupport support;
    @Inject BookingGroups groups;
    @Inject BookingMetrics metrics;
    @Inject MarketSimulator market;
    @Inject Pool pool;

    private final ExecutorService clients = Executors.newFixedThreadPool(16);

    @BeforeEach
    void cleanState() {
        support.reset();
    }

    @AfterEach
    void stopClients() {
        clients.shutdownNow();
    }

    @Test
    void ordersArrivingWhileAGroupWaitsAreBookedTogetherAndTheBooksAgree() {
        List<Map<String, Object>> queued = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            queued.add(market(i % 2 == 0 ? "AAPL" : "MSFT", Integer.toString(i + 1), "buy", "queued-" + i));
        }
        double groupsBefore = metrics.groups();

        List<Integer> statuses = whileTheAccountIsLocked(market("SPY", "3", "buy", "first"), queued);

        assertThat(statuses).containsOnly(200);
        assertThat(metrics.groups() - groupsBefore).as("the first order's group, then one group of the ten").isEqualTo(2);
        assertThat(support.count("SELECT count(*) FROM paper_venue.paper_orders WHERE status = 'filled'")).isEqualTo(11);
        assertThat(support.one("SELECT qty FROM paper_venue.positions WHERE symbol = 'AAPL'").getBigDecimal(0))
                .isEqualByComparingTo("25"); // 1 + 3 + 5 + 7 + 9
        BigDecimal spent = support.one("SELECT SUM(filled_qty * fill_price) FROM paper_venue.paper_orders")
                .getBigDecimal(0);
        assertThat(support.one("SELECT starting_cash - cash FROM paper_venue.account").getBigDecimal(0))
                .isEqualByComparingTo(spent);
    }

    @Test
    void eachOrderOfAGroupSeesTheCashTheOrdersBeforeItLeft() {
        BigDecimal price = market.quote("AAPL").orElseThrow().ask();
        // each buy alone fits in the starting cash (1,000,000), two together do not
        String qty = new BigDecimal("600000").divide(price, 0, RoundingMode.DOWN).toPlainString();

        List<Integer> statuses = whileTheAccountIsLocked(market("SPY", "1", "buy", "first"),
                List.of(market("AAPL", qty, "buy", "big-1"), market("AAPL", qty, "buy", "big-2")));

        assertThat(statuses).containsExactlyInAnyOrder(200, 200, 403);
        assertThat(support.count("SELECT count(*) FROM paper_venue.paper_orders WHERE symbol = 'AAPL'")).isEqualTo(1);
        assertThat(support.one("SELECT cash FROM paper_venue.account").getBigDecimal(0)).isPositive();
    }

    @Test
    void aReusedClientOrderIdInAGroupRefusesOnlyThatOrder() {
        double retriedBefore = metrics.retriedGroups();

        List<Integer> statuses = whileTheAccountIsLocked(market("SPY", "1", "buy", "first"),
                List.of(market("AAPL", "1", "buy", "same"), market("MSFT", "2", "buy", "other"),
                        market("AAPL", "4", "buy", "same"), market("SPY", "5", "sell", "another")));

        assertThat(statuses).containsExactlyInAnyOrder(200, 200, 200, 200, 422);
        assertThat(metrics.retriedGroups() - retriedBefore).as("the group was rolled back, then booked order by order")
                .isEqualTo(1);
        assertThat(support.count("SELECT count(*) FROM paper_venue.paper_orders")).isEqualTo(4);
        assertThat(support.count("SELECT count(*) FROM paper_venue.paper_orders WHERE client_order_id = 'same'"))
                .isEqualTo(1);
    }

    /**
     * Holds the account lock, sends {@code first} (its group then waits on the lock), queues the others
     * behind it, releases the lock and returns every HTTP status, {@code first}'s first.
     */
    private List<Integer> whileTheAccountIsLocked(Map<String, Object> first, List<Map<String, Object>> queued) {
        SqlConnection connection = pool.getConnection().await().atMost(VenueTestSupport.WAIT);
        try {
            Transaction tx = connection.begin().await().atMost(VenueTestSupport.WAIT);
            connection.query("SELECT id FROM paper_venue.account FOR UPDATE").execute().await().atMost(VenueTestSupport.WAIT);
            CompletableFuture<Integer> firstStatus = send(first);
            await().atMost(VenueTestSupport.WAIT).until(() -> support.count(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%paper_venue.account%'") == 1);
            List<CompletableFuture<Integer>> others = queued.stream().map(this::send).toList();
            await().atMost(VenueTestSupport.WAIT).until(() -> groups.waiting() == queued.size());
            tx.commit().await().atMost(VenueTestSupport.WAIT);
            List<Integer> statuses = new ArrayList<>();
            statuses.add(firstStatus.join());
            others.forEach(f -> statuses.add(f.join()));
            return statuses;
        } finally {
            connection.close().await().atMost(VenueTestSupport.WAIT);
        }
    }

    private CompletableFuture<Integer> send(Map<String, Object> order) {
        return CompletableFuture.supplyAsync(() -> alpaca().contentType(ContentType.JSON).body(order).post("/v2/orders")
                .statusCode(), clients);
    }
}

package io.tripwire.reconciler.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tripwire.controlplane.testing.ServiceProcess;
import io.tripwire.controlplane.testing.TestKeys;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A position closed at the paper venue (by the kill switch's flatten or by an ordinary sell) keeps its row
 * at quantity 0 in PostgreSQL while the venue lists it no more: the next periodic reconciliation is READY and
 * new orders are admitted again. A real difference still trips the breaker and refuses new orders.
 */
class FlatPositionsIT {

    private static final Duration RUN = Duration.ofSeconds(40);

    private final List<ServiceProcess> started = new ArrayList<>();
    private ServiceProcess venue;
    private ServiceProcess gateway;
    private String admin;

    @AfterEach
    void stop() {
        started.forEach(ServiceProcess::close);
    }

    @Test
    void afterAFlattenAndAnOrdinarySellTradingResumesAndARealDifferenceStillTrips() {
        Stack.clean();
        venue = keep(Stack.paperVenue());
        gateway = keep(Stack.gateway(venue));
        keep(Stack.reconciler("recon-flat", venue, Map.of("RECONCILER_INTERVAL", "3s")));
        admin = TestKeys.insertAdminKey("it-admin");
        try (Resp redis = new Resp(Stack.REDIS_DB)) {
            Stack.await("startup reconciliation READY and prices", Duration.ofSeconds(30), () ->
                    state(redis).contains("READY") && redis.call("EXISTS", "md:last:MSFT").equals(1L));
        }

        // 1. open, flatten with the kill switch, deactivate
        assertThat(order("AAPL", "buy", 5, "open-aapl").statusCode()).isEqualTo(201);
        awaitPosition("AAPL", 5);
        HttpResponse<String> kill = Stack.post(gateway, "/api/v1/kill-switch", admin,
                "{\"mode\":\"CLOSE_POSITIONS\",\"reason\":\"desk flattens the book for the test\"}");
        assertThat(kill.statusCode()).as(kill.body()).isBetween(200, 202);
        awaitPosition("AAPL", 0);
        HttpResponse<String> off = Stack.send(HttpRequest.newBuilder(gateway.url("/api/v1/kill-switch"))
                .header("X-API-Key", admin).header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString("{\"reason\":\"book is flat, desk resumes\"}")));
        assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
        awaitPeriodicRunReady();
        assertThat(order("MSFT", "buy", 2, "after-flatten").statusCode()).as("admitted after the flatten").isEqualTo(201);

        // 2. the MSFT position closed by an ordinary sell
        awaitPosition("MSFT", 2);
        assertThat(order("MSFT", "sell", 2, "close-msft").statusCode()).isEqualTo(201);
        awaitPosition("MSFT", 0);
        awaitPeriodicRunReady();
        assertThat(order("SPY", "buy", 1, "after-sell").statusCode()).as("admitted after the sell").isEqualTo(201);

        // 3. a real difference: the venue holds 10 SPY more than any fill explains
        awaitPosition("SPY", 1);
        Stack.sql("UPDATE paper_venue.positions SET qty = qty + 10 WHERE symbol = 'SPY'");
        try (Resp redis = new Resp(Stack.REDIS_DB)) {
            Stack.await("the breaker trips on the mismatch", RUN,
                    () -> String.valueOf(redis.get("circuit_breaker:state")).contains("TRIPPED"));
            assertThat(redis.get("circuit_breaker:state")).contains("RECONCILIATION_MISMATCH");
        }
        HttpResponse<String> refused = order("SPY", "buy", 1, "after-mismatch");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(423);
        assertThat(refused.body()).contains("CIRCUIT_BREAKER_TRIPPED");
    }

    private ServiceProcess keep(ServiceProcess p) {
        started.add(p);
        return p;
    }

    private static String state(Resp redis) {
        return String.valueOf(redis.get("reconciliation:state"));
    }

    /** A periodic run that started from now on finished READY, none failed meanwhile, and the gate says READY. */
    private void awaitPeriodicRunReady() {
        String since = String.valueOf(Stack.rows("SELECT now()::text AS at").getFirst().get("at"));
        String after = " AND started_at > '" + since + "'::timestamptz";
        Stack.await("a periodic reconciliation READY after " + since, RUN, () -> Stack.count(
                "SELECT count(*) FROM reconciliation_runs WHERE trigger = 'PERIODIC' AND state = 'READY'" + after) > 0);
        assertThat(Stack.rows("SELECT run_id, failure_reason FROM reconciliation_runs WHERE state = 'FAILED'" + after))
                .as("failed runs").isEmpty();
        try (Resp redis = new Resp(Stack.REDIS_DB)) {
            assertThat(state(redis)).contains("READY");
        }
    }

    private static void awaitPosition(String symbol, int quantity) {
        Stack.await(symbol + " position " + quantity + " in PostgreSQL", RUN, () -> Stack.count(
                "SELECT count(*) FROM positions WHERE symbol = '" + symbol + "' AND quantity = " + quantity) == 1);
    }

    private HttpResponse<String> order(String symbol, String side, int qty, String clientOrderId) {
        return Stack.post(gateway, "/api/v1/orders", admin, "{\"symbol\":\"%s\",\"side\":\"%s\",\"qty\":%d,\"type\":\"market\",\"client_order_id\":\"%s\"}"
                .formatted(symbol, side, qty, clientOrderId));
    }
}

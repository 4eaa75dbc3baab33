package io.tripwire.reconciler.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tripwire.controlplane.testing.ServiceProcess;
import io.tripwire.controlplane.testing.TestKeys;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway is killed with {@code kill -9} in the middle of a burst while the paper venue accepts some
 * orders but holds its answer (accept-then-time-out): after a restart and reconciliation, PostgreSQL
 * matches the venue order by order and position by position, no client order id reached the venue twice,
 * and no order is left UNKNOWN (or SUBMITTED).
 */
class GatewayKillNineIT {

    private static final int BURST = 40;
    private static final String[] SYMBOLS = {"AAPL", "MSFT", "SPY"};
    private static final Map<String, String> SLOW_POLL = Map.of("GATEWAY_VENUE_POLL_INTERVAL", "120s");

    private final List<ServiceProcess> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(ServiceProcess::close);
    }

    private ServiceProcess keep(ServiceProcess p) {
        started.add(p);
        return p;
    }

    @Test
    void afterAKillNineMidBurstPostgresMatchesTheVenueOrderByOrder() throws Exception {
        Stack.clean();
        ServiceProcess venue = keep(Stack.paperVenue());
        // the gateway's own order poller is slowed down so that what the kill leaves in flight is the reconciler's
        ServiceProcess gateway = keep(Stack.gateway(venue, SLOW_POLL));
        ServiceProcess reconciler = keep(Stack.reconciler("recon-k9", venue, Map.of("RECONCILER_INTERVAL", "off")));
        String admin = TestKeys.insertAdminKey("it-admin");
        try (Resp redis = new Resp(Stack.REDIS_DB)) {
            Stack.await("startup reconciliation READY and prices", Duration.ofSeconds(30), () ->
                    String.valueOf(redis.get("reconciliation:state")).contains("READY") && redis.call("EXISTS", "md:last:SPY").equals(1L));
        }
        assertThat(Stack.post(venue, "/admin/faults", admin, "{\"accept_then_timeout_rate\":0.3,\"seed\":7}").statusCode()).isEqualTo(200);

        List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            if (i == BURST / 2) {
                // the first half is being admitted and sent (some answers held by the venue): kill mid-burst
                Stack.await("orders in flight", Duration.ofSeconds(15),
                        () -> Stack.count("SELECT count(*) FROM orders") >= BURST / 4);
                // submits whose answer the venue holds time out after 1 s and become UNKNOWN
                Stack.await("orders UNKNOWN after the venue held their answer", Duration.ofSeconds(10),
                        () -> Stack.count("SELECT count(*) FROM orders WHERE status = 'UNKNOWN'") > 0);
            }
            burst.add(submit(gateway, admin, i));
        }
        Stack.sleep(50);
        gateway.kill9();
        long admitted = burst.stream().map(f -> f.handle((r, e) -> r == null ? -1 : r.statusCode()).join())
                .filter(s -> s == 201).count();
        assertThat(admitted).as("orders admitted before the kill").isPositive();
        assertThat(Stack.count("SELECT count(*) FROM orders WHERE status IN ('SUBMITTED','UNKNOWN','NEW')"))
                .as("the kill left orders in flight").isPositive();

        Stack.post(venue, "/admin/faults", admin, "{}");
        ServiceProcess restarted = keep(Stack.gateway(venue, SLOW_POLL));
        Stack.await("the restarted gateway sent every NEW order", Duration.ofSeconds(30),
                () -> Stack.count("SELECT count(*) FROM orders WHERE status = 'NEW'") == 0);
        Stack.sleep(3_500); // the venue's held answers (3 s) and the grace period (3 s) pass
        Stack.await("reconciliation leaves nothing UNKNOWN or SUBMITTED", Duration.ofSeconds(40), () -> {
            HttpResponse<String> run = Stack.post(reconciler, "/api/v1/reconciliation/run", admin, null);
            return run.statusCode() == 200 && run.body().contains("\"state\":\"READY\"")
                    && Stack.count("SELECT count(*) FROM orders WHERE status IN ('UNKNOWN','SUBMITTED','NEW')") == 0;
        });
        assertThat(restarted.get("/q/health/ready")).isEqualTo(200);
        assertThat(Stack.count("SELECT count(*) FROM order_events WHERE actor = 'reconciliation' "
                + "AND details->>'previous_status' = 'UNKNOWN'")).as("UNKNOWN orders resolved by reconciliation").isPositive();

        Map<String, Map<String, Object>> atVenue = new HashMap<>();
        for (Map<String, Object> row : Stack.rows("SELECT client_order_id, status, filled_qty FROM paper_venue.paper_orders")) {
            assertThat(atVenue.put((String) row.get("client_order_id"), row)).as("client order id twice at the venue").isNull();
        }
        List<Map<String, Object>> ours = Stack.rows("SELECT client_order_id, status, filled_qty FROM orders");
        assertThat(ours).isNotEmpty();
        for (Map<String, Object> order : ours) {
            String id = (String) order.get("client_order_id");
            Map<String, Object> venueOrder = atVenue.get(id);
            if (venueOrder == null) {
                assertThat(order.get("status")).as(id + " never reached the venue").isIn("REJECTED", "CANCELED");
                continue;
            }
            assertThat(order.get("status")).as(id).isEqualTo(tripwireStatus((String) venueOrder.get("status")));
            assertThat((BigDecimal) order.get("filled_qty")).as(id + " filled").isEqualByComparingTo((BigDecimal) venueOrder.get("filled_qty"));
        }
        assertThat(atVenue.keySet()).as("every venue order is one of ours").allMatch(id -> ours.stream()
                .anyMatch(o -> id.equals(o.get("client_order_id"))));
        for (Map<String, Object> p : Stack.rows("SELECT symbol, qty FROM paper_venue.positions")) {
            assertThat(Stack.rows("SELECT quantity FROM positions WHERE symbol = '" + p.get("symbol") + "'"))
                    .singleElement().satisfies(r -> assertThat((BigDecimal) r.get("quantity")).as((String) p.get("symbol"))
                            .isEqualByComparingTo((BigDecimal) p.get("qty")));
        }
        try (Resp redis = new Resp(Stack.REDIS_DB)) {
            assertThat(redis.get("circuit_breaker:state")).as("fills explain every position").contains("\"OPEN\"");
        }
    }

    private static CompletableFuture<HttpResponse<String>> submit(ServiceProcess gateway, String key, int i) {
        String body = "{\"symbol\":\"%s\",\"side\":\"buy\",\"qty\":1,\"type\":\"market\",\"client_order_id\":\"k9-%d\"}"
                .formatted(SYMBOLS[i % SYMBOLS.length], i);
        return Stack.HTTP.sendAsync(HttpRequest.newBuilder(gateway.url("/api/v1/orders")).timeout(Duration.ofSeconds(10))
                .header("X-API-Key", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String tripwireStatus(String venueStatus) {
        return switch (venueStatus) {
            case "filled" -> "FILLED";
            case "partially_filled" -> "PARTIALLY_FILLED";
            case "canceled" -> "CANCELED";
            case "expired" -> "EXPIRED";
            case "rejected" -> "REJECTED";
            default -> "ACCEPTED";
        };
    }
}

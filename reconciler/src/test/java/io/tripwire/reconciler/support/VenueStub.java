package io.tripwire.reconciler.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;

/**
 * A local stub of the Alpaca v2 reads the reconciler makes (WireMock): order listings, by-client-order-id
 * lookups, positions. By default the venue is empty: no orders, no positions, every lookup 404.
 */
public class VenueStub implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer server;

    public static WireMockServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        empty();
        return Map.of("tripwire.venue.base-url", "http://127.0.0.1:" + server.port(),
                "tripwire.venue.request-timeout", "2s");
    }

    public static void empty() {
        server.resetAll();
        server.stubFor(get(urlPathEqualTo("/v2/orders")).atPriority(10).willReturn(json("[]")));
        server.stubFor(get(urlPathEqualTo("/v2/orders:by_client_order_id")).atPriority(10)
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":40410000,\"message\":\"order not found\"}")));
        server.stubFor(get(urlPathEqualTo("/v2/positions")).atPriority(10).willReturn(json("[]")));
        server.stubFor(get(urlPathMatching("/v2/positions/.+")).atPriority(10)
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":40410000,\"message\":\"position does not exist\"}")));
    }

    /** Every listing (open and since) answers these orders. */
    public static void orders(String... orders) {
        server.stubFor(get(urlPathEqualTo("/v2/orders")).atPriority(5).willReturn(json("[" + String.join(",", orders) + "]")));
    }

    public static void lookup(String clientOrderId, String order) {
        server.stubFor(get(urlPathEqualTo("/v2/orders:by_client_order_id")).atPriority(5)
                .withQueryParam("client_order_id", equalTo(clientOrderId)).willReturn(json(order)));
    }

    public static void positions(String... positions) {
        server.stubFor(get(urlPathEqualTo("/v2/positions")).atPriority(5).willReturn(json("[" + String.join(",", positions) + "]")));
    }

    public static void failOrders(int status) {
        server.stubFor(get(urlPathEqualTo("/v2/orders")).atPriority(1).willReturn(aResponse().withStatus(status)));
    }

    public static String order(String clientOrderId, String symbol, String side, String qty, String filled, String status) {
        return """
                {"id":"v-%s","client_order_id":"%s","symbol":"%s","side":"%s","type":"market","qty":"%s",
                 "filled_qty":"%s","filled_avg_price":%s,"status":"%s","submitted_at":"%s","created_at":"%s",
                 "updated_at":"%s"}""".formatted(clientOrderId, clientOrderId, symbol, side, qty, filled,
                "0".equals(filled) ? "null" : "\"100\"", status, NOW, NOW, NOW);
    }

    public static String position(String symbol, String qty) {
        return """
                {"symbol":"%s","qty":"%s","side":"%s","avg_entry_price":"100","current_price":"100","unrealized_pl":"0"}"""
                .formatted(symbol, qty.replace("-", ""), qty.startsWith("-") ? "short" : "long");
    }

    public static int requests(String path) {
        return (int) server.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().startsWith(path)).count();
    }

    private static final String NOW = java.time.Instant.now().toString();

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    static List<String> none() {
        return List.of();
    }
}

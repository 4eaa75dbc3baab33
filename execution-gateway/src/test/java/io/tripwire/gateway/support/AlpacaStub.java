package io.tripwire.gateway.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A local stub of the Alpaca Trading API v2 (WireMock) for tests that must count venue calls exactly:
 * it accepts every order, echoing its client order id, and has no positions.
 */
public class AlpacaStub implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer server;

    public static WireMockServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").globalTemplating(true));
        server.start();
        stubDefaults();
        return Map.of("tripwire.venue.base-url", "http://127.0.0.1:" + server.port());
    }

    public static void stubDefaults() {
        server.resetAll();
        server.stubFor(post(urlPathEqualTo("/v2/orders")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"id":"{{randomValue type='UUID'}}","client_order_id":"{{jsonPath request.body '$.client_order_id'}}",
                         "symbol":"{{jsonPath request.body '$.symbol'}}","side":"{{jsonPath request.body '$.side'}}",
                         "type":"{{jsonPath request.body '$.type'}}","qty":"{{jsonPath request.body '$.qty'}}",
                         "filled_qty":"0","filled_avg_price":null,"status":"accepted",
                         "created_at":"{{now}}","updated_at":"{{now}}"}""")));
        server.stubFor(get(urlPathEqualTo("/v2/orders")).willReturn(json("[]")));
        server.stubFor(get(urlPathEqualTo("/v2/orders:by_client_order_id")).willReturn(json("""
                {"id":"venue-{{request.query.client_order_id}}","client_order_id":"{{request.query.client_order_id}}",
                 "symbol":"AAPL","side":"buy","type":"market","qty":"1","filled_qty":"0","status":"accepted",
                 "created_at":"{{now}}","updated_at":"{{now}}"}""")));
        server.stubFor(delete(urlPathMatching("/v2/orders/.+")).willReturn(aResponse().withStatus(204)));
        server.stubFor(delete(urlPathEqualTo("/v2/orders")).willReturn(json("[]").withStatus(207)));
        server.stubFor(get(urlPathEqualTo("/v2/positions")).willReturn(json("[]")));
        server.stubFor(get(urlPathEqualTo("/v2/account")).willReturn(json(
                "{\"equity\":\"1000000\",\"last_equity\":\"1000000\",\"cash\":\"1000000\"}")));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}

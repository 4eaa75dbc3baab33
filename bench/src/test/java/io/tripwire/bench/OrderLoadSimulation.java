package io.tripwire.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Orders at a fixed arrival rate (open model: a slow gateway does not slow the arrivals). Settings as
 * system properties: baseUrl, apiKey, rate (orders/s; with from, a ramp from that rate), seconds, expect (status counted as success),
 * run (client order id prefix). Sides alternate so the position stays inside its limits.
 */
public class OrderLoadSimulation extends Simulation {

    private final String baseUrl = System.getProperty("baseUrl", "http://127.0.0.1:8080");
    private final String apiKey = System.getProperty("apiKey", "");
    private final int rate = Integer.getInteger("rate", 2000);
    private final int from = Integer.getInteger("from", rate);
    private final int seconds = Integer.getInteger("seconds", 20);
    private final int expect = Integer.getInteger("expect", 201);
    private final String run = System.getProperty("run", "bench");
    private final AtomicLong sequence = new AtomicLong();

    private final Iterator<Map<String, Object>> orders = Stream.generate(() -> {
        long n = sequence.incrementAndGet();
        return Map.<String, Object>of("coid", run + "-" + n, "side", n % 2 == 0 ? "buy" : "sell");
    }).iterator();

    private final HttpProtocolBuilder protocol = http.baseUrl(baseUrl)
            .header("X-API-Key", apiKey)
            .contentTypeHeader("application/json")
            .shareConnections();

    private final ScenarioBuilder submit = scenario("submit order")
            .feed(orders)
            .exec(http("POST /api/v1/orders").post("/api/v1/orders")
                    .body(StringBody("{\"symbol\":\"SPY\",\"side\":\"#{side}\",\"qty\":\"1\",\"type\":\"market\","
                            + "\"client_order_id\":\"#{coid}\"}"))
                    .check(status().is(expect)));

    {
        setUp(submit.injectOpen(from == rate ? constantUsersPerSec(rate).during(seconds)
                : rampUsersPerSec(from).to(rate).during(seconds))).protocols(protocol);
    }
}

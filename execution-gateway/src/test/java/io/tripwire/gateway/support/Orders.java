package io.tripwire.gateway.support;

import io.restassured.response.Response;
import java.util.HashMap;
import java.util.Map;

/** Order requests as a client sends them to {@code POST /api/v1/orders}. */
public final class Orders {

    private Orders() {
    }

    public static Response market(String key, String symbol, String side, String qty) {
        return submit(key, Map.of("symbol", symbol, "side", side, "qty", qty, "type", "MARKET"));
    }

    public static Response reduceOnlyMarket(String key, String symbol, String side, String qty) {
        return submit(key, Map.of("symbol", symbol, "side", side, "qty", qty, "type", "MARKET", "reduce_only", true));
    }

    public static Response limit(String key, String symbol, String side, String qty, String price) {
        return submit(key, Map.of("symbol", symbol, "side", side, "qty", qty, "type", "LIMIT", "limit_price", price,
                "time_in_force", "GTC"));
    }

    public static Response submit(String key, Map<String, Object> body) {
        return GatewayTestSupport.as(key).body(new HashMap<>(body)).post("/api/v1/orders");
    }
}

package io.tripwire.papervenue;

import static io.tripwire.papervenue.VenueTestSupport.alpaca;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** Order bodies and submissions for Alpaca API tests. */
public final class AlpacaOrders {

    private AlpacaOrders() {
    }

    public static Map<String, Object> market(String symbol, String qty, String side, String clientOrderId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("symbol", symbol);
        body.put("qty", qty);
        body.put("side", side);
        body.put("type", "market");
        body.put("time_in_force", "day");
        if (clientOrderId != null) {
            body.put("client_order_id", clientOrderId);
        }
        return body;
    }

    public static Map<String, Object> limit(String symbol, String qty, String side, String limitPrice, String tif,
                                            String clientOrderId) {
        Map<String, Object> body = market(symbol, qty, side, clientOrderId);
        body.put("type", "limit");
        body.put("limit_price", limitPrice);
        body.put("time_in_force", tif);
        return body;
    }

    public static ValidatableResponse submit(Map<String, Object> body) {
        return alpaca().contentType(ContentType.JSON).body(body).post("/v2/orders").then();
    }
}

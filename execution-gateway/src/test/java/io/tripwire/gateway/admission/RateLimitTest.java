package io.tripwire.gateway.admission;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.tripwire.gateway.support.AlpacaStub;
import io.tripwire.gateway.support.Tradeable;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Token buckets per key: over the rate, orders get 429 with Retry-After; cancels are never throttled. */
@QuarkusTest
@TestProfile(RateLimitTest.FiveOrdersPerSecond.class)
@WithTestResource(AlpacaStub.class)
class RateLimitTest {

    /** Five orders per second per key: a burst of ten, then throttled. */
    public static class FiveOrdersPerSecond implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.rate-limits.per-key-per-second", "5");
        }
    }

    @Inject Tradeable tradeable;
    private String key;

    @BeforeEach
    void tradeableStores() {
        tradeable.reset();
        AlpacaStub.stubDefaults();
        key = tradeable.key();
    }

    @Test
    void aKeyOverItsRateGets429WithRetryAfterAndCancelsStillPass() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(30);
        long started = System.nanoTime();
        List<java.util.concurrent.Future<Response>> futures = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            futures.add(pool.submit(() -> given().header("X-API-Key", key).contentType(ContentType.JSON)
                    .body(Map.of("symbol", "AAPL", "side", "buy", "qty", "1", "type", "market")).post("/api/v1/orders")));
        }
        List<Response> answers = new ArrayList<>();
        for (var future : futures) {
            answers.add(future.get());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        List<Response> limited = answers.stream().filter(r -> r.statusCode() == 429).toList();
        long accepted = answers.stream().filter(r -> r.statusCode() == 201).count();
        // Burst of 10, plus whatever 5/s refilled while the burst was being served.
        assertThat(accepted).isGreaterThanOrEqualTo(10).isLessThanOrEqualTo(10 + (long) Math.ceil(5 * seconds));
        assertThat(accepted + limited.size()).isEqualTo(30);
        assertThat(limited).isNotEmpty().allSatisfy(r -> {
            assertThat(r.<String>path("code")).isEqualTo("RATE_LIMITED");
            assertThat(Integer.parseInt(r.header("Retry-After"))).isBetween(1, 2);
        });

        given().header("X-API-Key", key).delete("/api/v1/orders").then().statusCode(200);
        String id = answers.stream().filter(r -> r.statusCode() == 201).findFirst().orElseThrow().path("id");
        given().header("X-API-Key", key).delete("/api/v1/orders/" + id).then().statusCode(org.hamcrest.Matchers.anyOf(
                org.hamcrest.Matchers.is(200), org.hamcrest.Matchers.is(409)));
    }

    @Test
    void anotherKeyHasItsOwnBucket() {
        for (int i = 0; i < 12; i++) {
            given().header("X-API-Key", key).contentType(ContentType.JSON)
                    .body(Map.of("symbol", "AAPL", "side", "buy", "qty", "1", "type", "market")).post("/api/v1/orders");
        }
        String other = tradeable.key();
        given().header("X-API-Key", other).contentType(ContentType.JSON)
                .body(Map.of("symbol", "AAPL", "side", "buy", "qty", "1", "type", "market")).post("/api/v1/orders")
                .then().statusCode(201);
    }
}

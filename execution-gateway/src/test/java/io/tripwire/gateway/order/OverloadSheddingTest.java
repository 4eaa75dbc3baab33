package io.tripwire.gateway.order;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.tripwire.gateway.breaker.RejectStormWindow;
import io.tripwire.gateway.support.AlpacaStub;
import io.tripwire.gateway.support.Tradeable;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A gateway that may admit one order at a time, under 40 concurrent orders: the rest are shed with 429 and
 * Retry-After, nothing else; every 201 is durable; shedding is no reject storm; reduce-only orders are never shed.
 */
@QuarkusTest
@TestProfile(OverloadSheddingTest.OneAtATime.class)
@WithTestResource(AlpacaStub.class)
class OverloadSheddingTest {

    public static class OneAtATime implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.admission.max-in-flight", "1");
        }
    }

    @Inject Tradeable tradeable;
    @Inject RejectStormWindow rejectStorm;
    @Inject AdmissionLoad load;
    private String key;

    @BeforeEach
    void tradeableStores() {
        tradeable.reset();
        AlpacaStub.stubDefaults();
        key = tradeable.key();
    }

    @Test
    void ordersBeyondTheAdmissionCapacityAreShedWith429AndRetryAfterAndEveryAcceptedOneIsDurable() throws Exception {
        int refusalsBefore = rejectStorm.inWindow();
        List<Response> answers = concurrently(40, n -> Map.of("symbol", "AAPL", "side", "buy", "qty", "1",
                "type", "market", "client_order_id", "shed-" + n));

        List<Response> accepted = answers.stream().filter(r -> r.statusCode() == 201).toList();
        List<Response> shed = answers.stream().filter(r -> r.statusCode() != 201).toList();
        assertThat(accepted).isNotEmpty();
        assertThat(shed).as("40 orders at once against a capacity of one").isNotEmpty().allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(r.<String>path("code")).isEqualTo("RATE_LIMITED");
            assertThat(r.<String>path("details.scope")).isEqualTo("gateway");
            assertThat(r.header("Retry-After")).isEqualTo("1");
        });
        assertThat(tradeable.count("SELECT count(*) FROM orders")).isEqualTo(accepted.size());
        assertThat(rejectStorm.inWindow()).as("shedding is not a reject storm").isEqualTo(refusalsBefore);
        assertThat(load.inFlight()).isZero();
    }

    @Test
    void reduceOnlyOrdersAreNeverShed() throws Exception {
        tradeable.position("AAPL", 40);
        List<Response> answers = concurrently(40, n -> Map.of("symbol", "AAPL", "side", "sell", "qty", "1",
                "type", "market", "reduce_only", true, "client_order_id", "reduce-" + n));

        assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(201));
    }

    private List<Response> concurrently(int count, java.util.function.IntFunction<Map<String, Object>> body) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(count);
        List<Future<Response>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            futures.add(pool.submit(() -> {
                start.await();
                return given().header("X-API-Key", key).contentType(ContentType.JSON).body(body.apply(n)).post("/api/v1/orders");
            }));
        }
        start.countDown();
        List<Response> answers = new ArrayList<>();
        for (Future<Response> f : futures) {
            answers.add(f.get());
        }
        pool.shutdown();
        return answers;
    }
}

package io.tripwire.gateway.admission;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tripwire.controlplane.control.ControlChanges;
import io.tripwire.controlplane.control.ControlStateService;
import io.tripwire.gateway.support.AlpacaStub;
import io.tripwire.gateway.support.Tradeable;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real concurrency against the real stores: idempotency under a race, and a trip in the middle of a burst. */
@QuarkusTest
@WithTestResource(AlpacaStub.class)
class ConcurrencyTest {

    @Inject Tradeable tradeable;
    @Inject ControlStateService controlState;
    @Inject Clock clock;
    private String key;

    @BeforeEach
    void tradeableStores() {
        tradeable.reset();
        AlpacaStub.stubDefaults();
        key = tradeable.key();
    }

    @Test
    void aHundredConcurrentSubmitsWithOneIdempotencyKeyMakeExactlyOneVenueOrder() throws Exception {
        String body = "{\"symbol\":\"AAPL\",\"side\":\"buy\",\"qty\":\"1\",\"type\":\"market\",\"client_order_id\":\"race-1\"}";
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(100);
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            answers.add(pool.submit(() -> {
                start.await();
                var response = given().header("X-API-Key", key).contentType(ContentType.JSON).body(body)
                        .post("/api/v1/orders");
                return response.statusCode() + ":" + (response.statusCode() == 201 ? response.path("id") : "");
            }));
        }
        start.countDown();
        Set<String> ids = ConcurrentHashMap.newKeySet();
        int created = 0;
        for (Future<String> answer : answers) {
            String[] parts = answer.get().split(":");
            if (parts[0].equals("201")) {
                created++;
                ids.add(parts[1]);
            } else {
                // The only other honest answer: the original is not durable yet, so "try again" (503).
                assertThat(parts[0]).isEqualTo("503");
            }
        }
        pool.shutdown();

        assertThat(created).isPositive();
        assertThat(ids).hasSize(1);
        assertThat(tradeable.count("SELECT count(*) FROM orders")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> AlpacaStub.server()
                .verify(1, postRequestedFor(urlPathEqualTo("/v2/orders")).withRequestBody(containing("race-1"))));
        Thread.sleep(2_500); // past the submit sweeper's 2 s: still exactly one
        AlpacaStub.server().verify(1, postRequestedFor(urlPathEqualTo("/v2/orders")).withRequestBody(containing("race-1")));
    }

    @Test
    void noOrderIsAdmittedAfterTheTripResponseReturned() throws Exception {
        record Attempt(long startedNanos, int status) {
        }
        List<Attempt> attempts = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            int thread = t;
            pool.submit(() -> {
                int n = 0;
                while (running.get()) {
                    long started = System.nanoTime();
                    int status = given().header("X-API-Key", key).contentType(ContentType.JSON)
                            .body(Map.of("symbol", "AAPL", "side", "buy", "qty", "1", "type", "market",
                                    "client_order_id", "burst-" + thread + "-" + n++))
                            .post("/api/v1/orders").statusCode();
                    attempts.add(new Attempt(started, status));
                }
                return null;
            });
        }
        Thread.sleep(1_000);
        controlState.apply(ControlChanges.tripBreaker("trip in the middle of a burst", Map.of(), "test", clock.instant()))
                .await().atMost(Duration.ofSeconds(5));
        long tripReturned = System.nanoTime();
        Thread.sleep(1_000);
        running.set(false);
        pool.shutdown();
        assertThat(pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        List<Attempt> afterTrip = attempts.stream().filter(a -> a.startedNanos() > tripReturned).toList();
        List<Attempt> beforeTrip = attempts.stream().filter(a -> a.startedNanos() < tripReturned).toList();
        assertThat(beforeTrip).anyMatch(a -> a.status() == 201);
        assertThat(afterTrip).isNotEmpty().allMatch(a -> a.status() == 423);
    }
}

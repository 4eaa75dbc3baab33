package io.tripwire.alert.support;

import static io.restassured.RestAssured.given;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.restassured.http.ContentType;
import io.tripwire.controlplane.auth.ApiKeyScope;
import io.tripwire.controlplane.auth.ApiKeyService;
import io.tripwire.controlplane.testing.TestStores;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.awaitility.Awaitility;

/** Clean stores and stubs, API keys, alert submission and row reads for the router's tests. */
@ApplicationScoped
public class AlertFixtures {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ReactiveRedisDataSource redis;
    private final Pool pool;
    private final ApiKeyService apiKeys;

    public AlertFixtures(ReactiveRedisDataSource redis, Pool pool, ApiKeyService apiKeys) {
        this.redis = redis;
        this.pool = pool;
        this.apiKeys = apiKeys;
    }

    /** Empty stores, providers that accept everything; returns an alerts:admin key. */
    public String reset() {
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> count("SELECT count(*) FROM alert_deliveries WHERE status = 'in_progress'") == 0);
        TestStores.clean(redis, pool);
        ProviderStubs.stubSuccess();
        return key(ApiKeyScope.ALERTS_ADMIN);
    }

    public String key(ApiKeyScope... scopes) {
        return apiKeys.issue("test", EnumSet.copyOf(List.of(scopes)), Duration.ofDays(1), "test").await().atMost(WAIT).token().reveal();
    }

    /** POSTs an alert; returns its id (asserting 202). */
    public long submit(String key, String severity, String dedupKey, Map<String, String> labels) {
        return submit(key, Map.of("severity", severity, "source", "test", "summary", "disk full on " + dedupKey,
                "dedup_key", dedupKey, "labels", labels));
    }

    public long submit(String key, Map<String, Object> body) {
        Number id = given().header("X-API-Key", key).contentType(ContentType.JSON).body(body)
                .post("/api/v1/alerts").then().statusCode(202).extract().path("alert_id");
        return id.longValue();
    }

    /** Creates a rule that sends alerts labelled {@code route=<name>} to the given target. */
    public void rule(String key, String name, String channel, String recipient) {
        given().header("X-API-Key", key).contentType(ContentType.JSON)
                .body(Map.of("name", name, "severities", List.of("info", "warning", "critical"), "match_labels", Map.of("route", name),
                        "targets", List.of(Map.of("channel", channel, "recipient", recipient))))
                .post("/api/v1/rules").then().statusCode(201);
    }

    public long count(String sql) {
        return pool.query(sql).execute().map(rows -> rows.iterator().next().getLong(0)).await().atMost(WAIT);
    }

    public <T> List<T> rows(String sql, Tuple args, Function<Row, T> mapper) {
        return pool.preparedQuery(sql).execute(args).map(rows -> {
            List<T> out = new ArrayList<>();
            rows.forEach(r -> out.add(mapper.apply(r)));
            return out;
        }).await().atMost(WAIT);
    }

    public void execute(String sql) {
        pool.query(sql).execute().await().atMost(WAIT);
    }

    /** Status of every delivery of an alert, by id. */
    public List<String> statuses(long alertId) {
        return rows("SELECT status FROM alert_deliveries WHERE alert_id = $1 ORDER BY id", Tuple.of(alertId), r -> r.getString(0));
    }

    public Row delivery(long alertId, String channel) {
        return rows("SELECT * FROM alert_deliveries WHERE alert_id = $1 AND channel = $2 ORDER BY id LIMIT 1",
                Tuple.of(alertId, channel), r -> r).stream().findFirst().orElse(null);
    }

    /** Waits until the alert's first delivery on the channel has the status. */
    public Row awaitStatus(long alertId, String channel, String status, Duration within) {
        Awaitility.await().atMost(within).pollInterval(Duration.ofMillis(100)).until(() -> {
            Row row = delivery(alertId, channel);
            return row != null && status.equals(row.getString("status"));
        });
        return delivery(alertId, channel);
    }

    public ReactiveRedisDataSource redis() {
        return redis;
    }
}

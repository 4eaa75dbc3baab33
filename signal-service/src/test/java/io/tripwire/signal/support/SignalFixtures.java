package io.tripwire.signal.support;

import static io.restassured.RestAssured.given;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.tripwire.controlplane.auth.ApiKeyScope;
import io.tripwire.controlplane.auth.ApiKeyService;
import io.tripwire.controlplane.testing.TestStores;
import io.tripwire.signal.model.ModelRegistry;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Clean stores, API keys, artifacts made through the API, and row reads for the signal service's tests. */
@ApplicationScoped
public class SignalFixtures {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ReactiveRedisDataSource redis;
    private final Pool pool;
    private final ApiKeyService apiKeys;
    private final ModelRegistry models;

    public SignalFixtures(ReactiveRedisDataSource redis, Pool pool, ApiKeyService apiKeys, ModelRegistry models) {
        this.redis = redis;
        this.pool = pool;
        this.apiKeys = apiKeys;
        this.models = models;
    }

    /** Empty stores (this test's Redis DB index, the control-plane tables, the artifact tables), no models loaded; returns an artifacts:approve key. */
    public String reset() {
        TestStores.clean(redis, pool);
        execute("TRUNCATE strategy_signals, artifact_approvals, artifact_state_changes, strategy_artifacts RESTART IDENTITY CASCADE");
        models.reload().await().atMost(WAIT);
        return key(ApiKeyScope.ARTIFACTS_APPROVE);
    }

    public String key(ApiKeyScope... scopes) {
        return apiKeys.issue("test", EnumSet.copyOf(List.of(scopes)), Duration.ofDays(1), "test").await().atMost(WAIT).token().reveal();
    }

    /** A valid payload: logistic model with the given weights and bias for the symbols. */
    public static Map<String, Object> payload(Map<String, Object> weights, double bias, String... symbols) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("type", "logistic");
        model.put("weights", weights);
        model.put("bias", bias);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("model", model);
        payload.put("symbols", List.of(symbols));
        payload.put("sizing", Map.of("qty_usd", 1000));
        payload.put("risk_profile", Map.of("max_position_pct", 0.1, "max_daily_loss", 500));
        payload.put("backtest", Map.of("sharpe", 1.35, "max_drawdown", 0.12, "trades", 240));
        return payload;
    }

    public ValidatableResponse post(String key, String path, Object body) {
        return given().header("X-API-Key", key).contentType(ContentType.JSON).body(body).post(path).then();
    }

    /** Creates a DRAFT through the API (asserting 201). */
    public void create(String key, String artifactId, String strategy, String version, Map<String, Object> payload) {
        post(key, "/api/v1/artifacts", Map.of("artifact_id", artifactId, "strategy_name", strategy, "strategy_version", version,
                "payload", payload)).statusCode(201);
    }

    /** Walks a DRAFT to APPROVED through the three approval steps. */
    public void approveFully(String key, String artifactId) {
        for (String type : List.of("TECHNICAL", "RISK", "BUSINESS")) {
            post(key, "/api/v1/artifacts/" + artifactId + "/approve", Map.of("approver", "test.approver", "type", type,
                    "notes", type + " review")).statusCode(200);
        }
    }

    /** Creates and approves a model for one symbol. */
    public void approvedModel(String key, String artifactId, String strategy, String version, Map<String, Object> weights,
                              double bias, String... symbols) {
        create(key, artifactId, strategy, version, payload(weights, bias, symbols));
        approveFully(key, artifactId);
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

    public String state(String artifactId) {
        return rows("SELECT state FROM strategy_artifacts WHERE artifact_id = $1", Tuple.of(artifactId), r -> r.getString(0)).get(0);
    }

    public ReactiveRedisDataSource redis() {
        return redis;
    }

    public Pool pool() {
        return pool;
    }
}

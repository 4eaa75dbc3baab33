package io.tripwire.reconciler.desk;

import static io.restassured.RestAssured.given;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.tripwire.controlplane.keys.RedisKeys;
import io.tripwire.reconciler.support.Stores;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Desk tests: clean desk tables, bars on md:bars, and the desk API as the make targets call it. */
@ApplicationScoped
public class DeskSupport {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final Map<String, String> CLOSES = Map.of("SPY", "400", "AAPL", "200", "MSFT", "300");

    private final Stores stores;
    private final Pool pool;
    private final ReactiveRedisDataSource redis;
    private final RedisKeys keys;
    private final Clock clock;
    String admin;

    public DeskSupport(Stores stores, Pool pool, ReactiveRedisDataSource redis, RedisKeys keys, Clock clock) {
        this.stores = stores;
        this.pool = pool;
        this.redis = redis;
        this.keys = keys;
        this.clock = clock;
    }

    void reset() {
        stores.reset();
        pool.query("TRUNCATE desk_fills, desk_confirmations, desk_ticket_lines, desk_tickets, desk_reconciliation_results, "
                + "desk_reconciliation_snapshots, desk_data_quality_reports, desk_ledger, desk_runs RESTART IDENTITY CASCADE")
                .execute().await().atMost(WAIT);
        admin = stores.key();
    }

    /** Fresh, sane bars of the whole universe: one per 10 s over the last minute, closing at {@link #CLOSES}. */
    void goodBars() {
        redis.key().del(keys.marketDataBars()).await().atMost(WAIT);
        Instant now = clock.instant();
        for (int s = 50; s >= 0; s -= 10) {
            for (var e : CLOSES.entrySet()) {
                bar(e.getKey(), now.minusSeconds(s), e.getValue(), e.getValue());
            }
        }
    }

    void bar(String symbol, Instant ts, String high, String close) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("symbol", symbol);
        f.put("o", close);
        f.put("h", high);
        f.put("l", close);
        f.put("c", close);
        f.put("volume", "100");
        f.put("ts", ts.toString());
        f.put("ts_ms", Long.toString(ts.toEpochMilli()));
        redis.stream(String.class).xadd(keys.marketDataBars(), f).await().atMost(WAIT);
    }

    Response post(String path) {
        return given().header("X-API-Key", admin).post(path);
    }

    Response post(String path, Object body) {
        return given().header("X-API-Key", admin).contentType(ContentType.JSON).body(body).post(path);
    }

    Response run0800() {
        return post("/api/v1/desk/runs/data?kind=0800");
    }

    Response run1400(boolean dryRun) {
        return post("/api/v1/desk/runs/ticket?dryrun_trades=" + dryRun);
    }

    Response reconcile(String cash, Map<String, String> positions) {
        return post("/api/v1/desk/reconciliations", Map.of("snapshot_date", today(), "cash", cash, "positions", positions,
                "notes", "manual_etoro_snapshot"));
    }

    Response deposit(String amount) {
        return post("/api/v1/desk/ledger/cash", Map.of("amount", amount, "notes", "opening balance"));
    }

    Response fills(String json) {
        return given().header("X-API-Key", admin).contentType(ContentType.JSON).body(json).post("/api/v1/desk/confirmations/fills");
    }

    String today() {
        return java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneId.of("Europe/London")).toString();
    }

    /** The gate as the gateway reads it from Redis: {open, reasons, ...} JSON. */
    String gate() {
        return stores.get(keys.tradingGate("venue:manual"));
    }

    List<String> reasons(Response r) {
        return r.then().statusCode(200).extract().jsonPath().getList("run.reasons", String.class);
    }

    long count(String sql) {
        return stores.count(sql);
    }

    String text(String sql) {
        return stores.text(sql);
    }
}

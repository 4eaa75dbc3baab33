package io.tripwire.healthmonitor.support;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.tripwire.controlplane.keys.RedisKeys;
import io.tripwire.controlplane.testing.TestStores;
import io.tripwire.healthmonitor.alert.HealthAlerts;
import io.tripwire.healthmonitor.check.ComponentStatus;
import io.tripwire.healthmonitor.poll.ComponentState;
import io.tripwire.healthmonitor.poll.HealthBook;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/** Shared test steps: every target back up and green with no open alert, then the test's Redis DB and tables emptied. */
@ApplicationScoped
public class HealthFixtures {

    public static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final List<String> TEST_TARGETS = List.of(FakeService.NAME, MonitoredTargets.SPARE_REDIS,
            ScriptedCheck.NAME, "redis", "postgres");

    private final ReactiveRedisDataSource redis;
    private final Pool pool;
    private final HealthBook book;
    private final HealthAlerts alerts;
    private final ScriptedCheck scripted;
    private final RedisKeys keys;

    public HealthFixtures(ReactiveRedisDataSource redis, Pool pool, HealthBook book, HealthAlerts alerts,
                          ScriptedCheck scripted, RedisKeys keys) {
        this.redis = redis;
        this.pool = pool;
        this.book = book;
        this.alerts = alerts;
        this.scripted = scripted;
        this.keys = keys;
    }

    public void reset() {
        FakeService.start();
        MonitoredTargets.spareRedis().start();
        scripted.steady(ScriptedCheck.Step.HEALTHY);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> TEST_TARGETS.stream().allMatch(name -> {
            ComponentState s = state(name);
            return s.status() == ComponentStatus.HEALTHY && !s.stale(book.now(), book.staleAfter()) && !alerts.open(name);
        }));
        TestStores.clean(redis, pool);
    }

    public ComponentState state(String name) {
        return book.get(name).orElseThrow();
    }

    public boolean fresh(String name, ComponentStatus status) {
        ComponentState s = state(name);
        return s.status() == status && !s.stale(book.now(), book.staleAfter());
    }

    /** Every alerts:stream entry for this component's dedup key, oldest first. */
    public List<Map<String, String>> alerts(String component) {
        return redis.stream(String.class).xrange(keys.alertsStream(), StreamRange.of("-", "+"))
                .await().atMost(Duration.ofSeconds(5)).stream()
                .map(m -> m.payload())
                .filter(p -> HealthAlerts.dedupKey(component).equals(p.get("dedup_key")))
                .toList();
    }

    public long count(List<Map<String, String>> alerts, String status) {
        return alerts.stream().filter(a -> status.equals(a.get("status"))).count();
    }

    public ReactiveRedisDataSource redis() {
        return redis;
    }

    public Pool pool() {
        return pool;
    }
}

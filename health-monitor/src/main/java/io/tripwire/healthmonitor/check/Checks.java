package io.tripwire.healthmonitor.check;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.tripwire.controlplane.keys.RedisKeys;
import io.tripwire.healthmonitor.config.HealthMonitorConfig;
import io.vertx.core.net.NetClientOptions;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.redis.client.RedisOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every component the monitor polls, built once from configuration: the configured services, this service's
 * Redis and PostgreSQL, extra Redis targets, stream backlogs, the poison queue, heartbeats, and any CDI bean
 * implementing {@link ComponentCheck}.
 */
@ApplicationScoped
public class Checks {

    private final List<ComponentCheck> all;
    private final WebClient http;
    private final List<Redis> ownClients = new ArrayList<>();

    public Checks(HealthMonitorConfig config, Vertx vertx, RedisAPI redisApi, ReactiveRedisDataSource redis, Pool pool,
                  RedisKeys keys, Instance<ComponentCheck> extra) {
        int timeoutMs = (int) config.timeout().toMillis();
        this.http = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(timeoutMs)
                .setIdleTimeout(60).setUserAgent("tripwire-health-monitor"));
        Set<String> skipped = config.skip().orElse(Set.of());
        List<ComponentCheck> checks = new ArrayList<>();
        Set<String> services = new TreeSet<>();
        config.components().forEach((name, url) -> {
            if (!skipped.contains(name)) {
                services.add(name);
                checks.add(new ServiceCheck(name, url, http, config));
            }
        });
        checks.add(new RedisCheck("redis", redisApi, config));
        config.redisTargets().forEach((name, url) -> {
            Redis client = Redis.createClient(vertx, new RedisOptions().setConnectionString(url.toString())
                    .setMaxPoolSize(2).setMaxPoolWaiting(16)
                    .setNetClientOptions(new NetClientOptions().setConnectTimeout(timeoutMs)));
            ownClients.add(client);
            checks.add(new RedisCheck(name, RedisAPI.api(client), config));
        });
        checks.add(new PostgresCheck(pool, config));
        for (String stream : config.streams()) {
            checks.add(new StreamBacklogCheck(stream, keys.physical(stream), redisApi, config));
        }
        checks.add(new PoisonQueueCheck(pool, config));
        checks.add(new HeartbeatCheck(redis, keys, services, config));
        extra.forEach(checks::add);
        Set<String> names = new HashSet<>();
        for (ComponentCheck check : checks) {
            if (!names.add(check.name())) {
                throw new IllegalStateException("two health components are named " + check.name());
            }
        }
        this.all = List.copyOf(checks);
    }

    public List<ComponentCheck> all() {
        return all;
    }

    @PreDestroy
    void close() {
        http.close();
        ownClients.forEach(Redis::close);
    }
}

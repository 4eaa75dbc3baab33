package io.tripwire.healthmonitor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Settings of the health monitor ({@code health-monitor.*}); every default is stated on its method. */
@ConfigMapping(prefix = "health-monitor")
public interface HealthMonitorConfig {

    /**
     * Time between two polls of every component. Default 10 s. The Quarkus scheduler checks its triggers once a
     * second, so anything under 1 s polls every second.
     */
    @WithDefault("10s")
    Duration pollInterval();

    /** Timeout of one request to a target (HTTP, Redis, PostgreSQL): no answer by then is UNHEALTHY. Default 2 s. */
    @WithDefault("2s")
    Duration timeout();

    /**
     * A check that has not completed by then is a failed poll: the monitor could not find out, so the last known
     * status is served as stale (never a made-up green). Default 5 s; keep it above {@link #timeout()}.
     */
    @WithDefault("5s")
    Duration checkDeadline();

    /** A component whose last completed check is older than this is stale even without a failed poll. Default 30 s. */
    @WithDefault("30s")
    Duration staleAfter();

    /** An answer slower than this (HTTP readiness, Redis PING, PostgreSQL SELECT 1) is DEGRADED. Default 500 ms. */
    @WithDefault("500ms")
    Duration degradedLatency();

    /**
     * Services to poll, name → base URL ({@code /q/health/ready} and {@code /q/health/live} are read); set as
     * {@code health-monitor.components.<name>=<url>}. The local defaults are in application.properties.
     */
    Map<String, URI> components();

    /** Configured components that are not polled (e.g. a service not deployed here). Default none. */
    Optional<Set<String>> skip();

    /**
     * Redis servers to poll besides this service's own ({@code redis}), name → URL; set as
     * {@code health-monitor.redis-targets.<name>=redis://host:port}. Default none.
     */
    Map<String, URI> redisTargets();

    /** Redis streams whose consumer-group backlog is watched (logical names, the key prefix is added). */
    @WithDefault("alerts:stream,orders:events")
    List<String> streams();

    /** Redis memory (used vs maxmemory) and PostgreSQL connections (vs max_connections) thresholds. */
    Usage usage();

    /** Stream backlog thresholds (pending + not yet delivered entries of the worst consumer group). */
    Backlog backlog();

    /** Poison-queue thresholds (alert_deliveries in status 'poison'); seed 003 pages above 10. */
    PoisonQueue poisonQueue();

    /** Health alerts on alerts:stream. */
    Alerts alerts();

    interface Usage {
        /** Used share at or above which the component is DEGRADED. Default 0.80. */
        @WithDefault("0.80")
        double degradedRatio();

        /** Used share at or above which the component is UNHEALTHY. Default 0.95. */
        @WithDefault("0.95")
        double unhealthyRatio();
    }

    interface Backlog {
        /** Backlog above which a stream is DEGRADED. Default 1000 entries. */
        @WithDefault("1000")
        long degradedAbove();

        /** Backlog above which a stream is UNHEALTHY. Default 10000 entries. */
        @WithDefault("10000")
        long unhealthyAbove();
    }

    interface PoisonQueue {
        /** Poison rows above which the queue is DEGRADED. Default 0 (SLA target: empty). */
        @WithDefault("0")
        long degradedAbove();

        /** Poison rows above which the queue is UNHEALTHY (seed 003: "> 10 (page)"). Default 10. */
        @WithDefault("10")
        long unhealthyAbove();
    }

    interface Alerts {
        /** Raise and resolve health alerts at all. Default true. */
        @WithDefault("true")
        boolean enabled();

        /** Consecutive UNHEALTHY polls before one alert is raised (dedup key {@code health:<component>}). Default 2. */
        @WithDefault("2")
        int raiseAfter();

        /** Consecutive HEALTHY polls before the raised alert is resolved. Default 2. */
        @WithDefault("2")
        int resolveAfter();

        /** Components whose alert is CRITICAL (PagerDuty); the others are WARNING (Slack). */
        @WithDefault("execution-gateway,reconciler,redis,postgres,poison-queue")
        Set<String> critical();
    }
}

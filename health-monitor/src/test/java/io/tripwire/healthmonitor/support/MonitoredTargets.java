package io.tripwire.healthmonitor.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tripwire.controlplane.testing.SpareRedis;
import java.util.Map;

/**
 * The test's own monitored targets: a WireMock "service" ({@link FakeService}) and a spare redis-server of the
 * test's own on a free port (never the shared Redis), both configured as health-monitor targets.
 */
public class MonitoredTargets implements QuarkusTestResourceLifecycleManager {

    public static final String SPARE_REDIS = "spare-redis";

    public static SpareRedis spareRedis() {
        return SpareRedis.shared("health-monitor");
    }

    @Override
    public Map<String, String> start() {
        FakeService.start();
        SpareRedis redis = spareRedis().start();
        return Map.of(
                "health-monitor.components." + FakeService.NAME, "http://127.0.0.1:" + FakeService.choosePort(),
                "health-monitor.redis-targets." + SPARE_REDIS, redis.url());
    }

    @Override
    public void stop() {
        FakeService.stop();
        spareRedis().kill();
    }
}

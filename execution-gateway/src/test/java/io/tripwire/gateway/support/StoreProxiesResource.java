package io.tripwire.gateway.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tripwire.controlplane.testing.TcpProxy;
import io.tripwire.controlplane.testing.TestKeys;
import java.util.Map;

/**
 * Puts cuttable TCP relays between the gateway and its stores (the real PostgreSQL and Redis), so a test
 * can make one store unreachable for the gateway alone and bring it back with its data intact.
 */
public class StoreProxiesResource implements QuarkusTestResourceLifecycleManager {

    private static TcpProxy postgres;
    private static TcpProxy redis;

    @Override
    public Map<String, String> start() {
        postgres = TcpProxy.to(5432);
        redis = TcpProxy.to(6379);
        return Map.of(
                "%test.quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + postgres.port() + "/" + TestKeys.TEST_DB,
                "%test.quarkus.redis.hosts", "redis://127.0.0.1:" + redis.port() + "/1");
    }

    @Override
    public void stop() {
        postgres.close();
        redis.close();
    }

    public static TcpProxy postgres() {
        return postgres;
    }

    public static TcpProxy redis() {
        return redis;
    }
}

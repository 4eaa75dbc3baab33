package io.tripwire.gateway.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tripwire.controlplane.testing.ServiceProcess;
import io.tripwire.controlplane.testing.TestKeys;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts the real paper venue (its packaged jar, built by the reactor before this module) as a process
 * and points the gateway at it. The venue shares the gateway's Redis DB index 1, so its simulated prices
 * ({@code md:last:*}, every second) are the gateway's reference prices, and the test database.
 */
public class PaperVenueResource implements QuarkusTestResourceLifecycleManager {

    static final Path JAR = Path.of("..", "paper-venue", "target", "quarkus-app", "quarkus-run.jar");
    /** The gateway tests' Redis (DB 1, or the DB a run chooses with -D%test.quarkus.redis.hosts=…). */
    public static final String REDIS_URL = System.getProperty("%test.quarkus.redis.hosts", "redis://127.0.0.1:6379/1");

    /** Environment of a service process on the test stores: Redis DB 1, the test database. */
    public static final Map<String, String> STORES = Map.of(
            "REDIS_URL", REDIS_URL,
            "PG_URL", TestKeys.TEST_PG_URL,
            "PG_JDBC_URL", TestKeys.TEST_JDBC_URL,
            "PAPER_VENUE_KEY_ID", "paper-key",
            "PAPER_VENUE_SECRET_KEY", "paper-secret");

    private static volatile ServiceProcess venue;

    @Override
    public Map<String, String> start() {
        if (venue == null) {
            venue = ServiceProcess.start("paper-venue", JAR, STORES);
            Runtime.getRuntime().addShutdownHook(new Thread(venue::close));
        }
        return Map.of("tripwire.venue.base-url", "http://127.0.0.1:" + venue.port());
    }

    @Override
    public void stop() {
        // One venue for the whole test run (several Quarkus restarts): stopped by the shutdown hook.
    }

    /** The running venue. */
    public static ServiceProcess venue() {
        return venue;
    }
}

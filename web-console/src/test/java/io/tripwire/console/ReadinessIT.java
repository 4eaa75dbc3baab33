package io.tripwire.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tripwire.controlplane.testing.ServiceProcess;
import io.tripwire.controlplane.testing.SpareRedis;
import io.tripwire.controlplane.testing.TcpProxy;
import io.tripwire.controlplane.testing.TestKeys;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A real service process is not ready while it cannot reach Redis or PostgreSQL, and is again once it can. */
class ReadinessIT {

    @Test
    void readinessIsDownWhileRedisOrPostgresIsUnreachable() {
        try (SpareRedis redis = SpareRedis.onFreePort().start();
             TcpProxy postgres = TcpProxy.to(5432);
             ServiceProcess service = ServiceProcess.start("console-readiness", Path.of(System.getProperty("service.jar")),
                     Map.of("REDIS_URL", redis.url(),
                             "PG_URL", "postgresql://127.0.0.1:" + postgres.port() + "/" + TestKeys.TEST_DB,
                             "PG_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/" + TestKeys.TEST_DB))) {
            assertThat(service.get("/q/health/ready")).isEqualTo(200);

            redis.kill();
            assertThat(readinessWithin(service, 503)).isTrue();
            assertThat(service.get("/q/health/live")).isEqualTo(200);
            redis.start();
            assertThat(readinessWithin(service, 200)).isTrue();

            postgres.cut();
            assertThat(readinessWithin(service, 503)).isTrue();
            postgres.restore();
            assertThat(readinessWithin(service, 200)).isTrue();
        }
    }

    private static boolean readinessWithin(ServiceProcess service, int status) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (service.get("/q/health/ready") == status) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}

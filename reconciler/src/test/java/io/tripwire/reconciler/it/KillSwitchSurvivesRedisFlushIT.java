package io.tripwire.reconciler.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tripwire.controlplane.state.KillSwitchMode;
import io.tripwire.controlplane.state.KillSwitchState;
import io.tripwire.controlplane.state.StateCodec;
import io.tripwire.controlplane.testing.ServiceProcess;
import io.tripwire.controlplane.testing.TestKeys;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Redis loses everything (FLUSHDB of the stack's DB, the per-DB equivalent of FLUSHALL) while the kill
 * switch is active: from the flush until the reconciler restores the control state no order is admitted
 * (503), and afterwards the kill switch is still active (423).
 */
class KillSwitchSurvivesRedisFlushIT {

    private final List<ServiceProcess> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(ServiceProcess::close);
    }

    @Test
    void noOrderIsAdmittedFromTheFlushUntilTheRestoreAndTheKillSwitchIsStillActive() {
        Stack.clean();
        ServiceProcess venue = start(Stack.paperVenue());
        ServiceProcess gateway = start(Stack.gateway(venue));
        start(Stack.reconciler("recon-flush", venue, Map.of()));
        String admin = TestKeys.insertAdminKey("it-admin");
        try (Resp redis = new Resp(Stack.REDIS_DB)) {
            Stack.await("startup reconciliation READY", Duration.ofSeconds(30),
                    () -> String.valueOf(redis.get("reconciliation:state")).contains("READY"));
            Stack.await("prices", Duration.ofSeconds(10), () -> redis.call("EXISTS", "md:last:AAPL").equals(1L));
            activateKillSwitch(redis);
            assertThat(order(gateway, admin, "before").statusCode()).isEqualTo(423);

            redis.call("FLUSHDB");
            price(redis);
            Instant flushed = Instant.now();
            List<Integer> during = new ArrayList<>();
            while (!restored(redis) && Duration.between(flushed, Instant.now()).toSeconds() < 20) {
                during.add(order(gateway, admin, "during-" + during.size()).statusCode());
                price(redis);
                Stack.sleep(50);
            }
            assertThat(restored(redis)).as("restored within 20 s").isTrue();
            assertThat(during).as("orders between flush and restore").isNotEmpty().allMatch(s -> s == 503 || s == 423);
            assertThat(during.getFirst()).isEqualTo(503);

            HttpResponse<String> after = order(gateway, admin, "after");
            assertThat(after.statusCode()).isEqualTo(423);
            assertThat(after.body()).contains("KILL_SWITCH_ACTIVE");
            assertThat(redis.get("kill_switch:state")).contains("\"active\":true");
        }
        assertThat(Stack.count("SELECT count(*) FROM orders")).as("nothing admitted").isZero();
    }

    private ServiceProcess start(ServiceProcess p) {
        started.add(p);
        return p;
    }

    private static boolean restored(Resp redis) {
        return redis.get("kill_switch:state") != null && String.valueOf(redis.get("reconciliation:state")).contains("READY")
                && redis.call("HGET", "exposure:AAPL", "pos") != null;
    }

    /** As the kill-switch API records it: PostgreSQL control_state and Redis, one version up. */
    private static void activateKillSwitch(Resp redis) {
        KillSwitchState active = KillSwitchState.initial().activated(KillSwitchMode.HALT_ONLY, "desk halted for the test",
                "it", Instant.now()).withVersion(2);
        String json = StateCodec.encode(active);
        Stack.sql("UPDATE control_state SET value = '" + json + "'::jsonb, version = 2, updated_by = 'it' "
                + "WHERE control_key = 'kill_switch:state'");
        redis.call("SET", "kill_switch:state", json);
    }

    private static void price(Resp redis) {
        redis.call("HSET", "md:last:AAPL", "last", "190", "bid", "190", "ask", "190.02",
                "ts_ms", Long.toString(System.currentTimeMillis()));
    }

    private static HttpResponse<String> order(ServiceProcess gateway, String key, String id) {
        return Stack.post(gateway, "/api/v1/orders", key,
                "{\"symbol\":\"AAPL\",\"side\":\"buy\",\"qty\":1,\"type\":\"market\",\"client_order_id\":\"flush-" + id + "\"}");
    }
}

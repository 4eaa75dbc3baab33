package io.tripwire.reconciler.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tripwire.controlplane.testing.ServiceProcess;
import io.tripwire.controlplane.testing.TestKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two reconciler processes: only the lease holder runs (the other stands by and forwards run requests);
 * killing the active one with {@code kill -9} hands over within the lease TTL, with a higher fencing token.
 */
class TwoReconcilersIT {

    private final List<ServiceProcess> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(ServiceProcess::close);
    }

    @Test
    void onlyOneRunsAtATimeAndKillingTheActiveOneHandsOver() {
        Stack.clean();
        ServiceProcess venue = start(Stack.paperVenue());
        Map<String, String> fast = Map.of("RECONCILER_INTERVAL", "2s");
        ServiceProcess a = start(Stack.reconciler("recon-a", venue, fast));
        ServiceProcess b = start(Stack.reconciler("recon-b", venue, fast));
        String admin = TestKeys.insertAdminKey("it-admin");
        Stack.await("a READY run", Duration.ofSeconds(30),
                () -> Stack.count("SELECT count(*) FROM reconciliation_runs WHERE state = 'READY'") > 0);
        Stack.sleep(5_000); // several periodic runs and lease renewals

        List<String> instances = Stack.rows("SELECT DISTINCT instance FROM reconciliation_runs").stream()
                .map(r -> (String) r.get("instance")).toList();
        assertThat(instances).as("runs came from one instance only").hasSize(1);
        String activeName = instances.getFirst();
        ServiceProcess active = activeName.equals("recon-a") ? a : b;
        ServiceProcess standby = active == a ? b : a;
        assertThat(Stack.get(active, "/api/v1/reconciliation/status", admin).body()).contains("\"this_instance_active\":true");
        assertThat(Stack.get(standby, "/api/v1/reconciliation/status", admin).body()).contains("\"this_instance_active\":false");
        assertThat(Stack.post(standby, "/api/v1/reconciliation/run", admin, null).statusCode()).isEqualTo(202);
        assertThat(Stack.count("SELECT count(*) FROM reconciliation_runs WHERE state = 'RUNNING' AND finished_at IS NULL "
                + "AND started_at < now() - interval '10 seconds'")).as("no run left hanging").isZero();
        long oldToken = Stack.count("SELECT max(fencing_token) FROM reconciliation_runs");

        Instant killed = Instant.now();
        active.kill9();
        String standbyName = activeName.equals("recon-a") ? "recon-b" : "recon-a";
        Stack.await("the standby took over and completed a run", Duration.ofSeconds(20), () -> Stack.count(
                "SELECT count(*) FROM reconciliation_runs WHERE state = 'READY' AND instance = '" + standbyName + "'") > 0);
        Duration handover = Duration.between(killed, Instant.now());
        assertThat(handover).as("lease TTL 3 s + one check").isLessThan(Duration.ofSeconds(10));
        assertThat(Stack.count("SELECT min(fencing_token) FROM reconciliation_runs WHERE instance = '" + standbyName + "'"))
                .isGreaterThan(oldToken);
        assertThat(Stack.get(standby, "/api/v1/reconciliation/status", admin).body())
                .contains("\"this_instance_active\":true").contains("\"state\":\"READY\"");
    }

    private ServiceProcess start(ServiceProcess p) {
        started.add(p);
        return p;
    }
}

package io.tripwire.console.support;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.tripwire.controlplane.auth.OperatorService;
import io.tripwire.controlplane.auth.OperatorService.Role;
import io.tripwire.controlplane.testing.TestStores;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Clean stores (Redis DB 6, tripwire_test_web-console), three operators, stubs reset, clock back to now. */
public abstract class ConsoleTestBase {

    public static final String PASSWORD = "correct horse battery staple";

    @Inject
    protected ReactiveRedisDataSource redis;
    @Inject
    protected Pool pool;
    @Inject
    protected OperatorService operators;
    @Inject
    protected TestClock clock;

    @BeforeEach
    void cleanAndSeed() {
        TestStores.clean(redis, pool);
        UpstreamStubs.server().resetAll();
        ConsoleFixtures.stubReads(UpstreamStubs.server(), ConsoleFixtures.OPEN_BREAKER);
        for (Role role : Role.values()) {
            String name = role.name().toLowerCase() + "1";
            operators.create(name, PASSWORD.toCharArray(), role, "test").await().atMost(Duration.ofSeconds(10));
        }
    }

    @AfterEach
    void clockBack() {
        clock.reset();
    }

    /** Audit rows of this action: "actor|outcome|reason". */
    protected List<String> audit(String action) {
        var rows = pool.preparedQuery("SELECT actor, outcome, coalesce(reason, '') FROM audit_log WHERE action = $1 ORDER BY id")
                .execute(Tuple.of(action)).await().atMost(Duration.ofSeconds(10));
        List<String> out = new ArrayList<>();
        rows.forEach(r -> out.add(r.getString(0) + "|" + r.getString(1) + "|" + r.getString(2)));
        return out;
    }
}

package io.tripwire.controlplane.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.tripwire.controlplane.keys.RedisKeys;
import io.tripwire.controlplane.state.BreakerState;
import io.tripwire.controlplane.state.ControlRead;
import io.tripwire.controlplane.state.KillSwitchState;
import io.tripwire.controlplane.state.StateCodec;
import io.tripwire.controlplane.testing.DetachedStores;
import io.tripwire.controlplane.testing.SpareRedis;
import io.tripwire.controlplane.testing.TestStores;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fail-closed reads: a control key that is missing, garbled or unreadable never reads as "allowed". */
@QuarkusTest
class ControlStateReaderTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject ControlStateReader reader;
    @Inject ReactiveRedisDataSource redis;
    @Inject Pool pool;
    @Inject RedisKeys keys;
    @Inject Vertx vertx;

    @BeforeEach
    void emptyStores() {
        TestStores.clean(redis, pool);
    }

    @Test
    void aMissingBreakerKeyIsUnavailable() {
        assertCause(reader.breaker().await().atMost(WAIT), ControlRead.Cause.MISSING);
        assertCause(reader.killSwitch().await().atMost(WAIT), ControlRead.Cause.MISSING);
        assertCause(reader.reconciliation().await().atMost(WAIT), ControlRead.Cause.MISSING);
        var switches = reader.tradingSwitches().await().atMost(WAIT);
        assertCause(switches.breaker(), ControlRead.Cause.MISSING);
        assertCause(switches.killSwitch(), ControlRead.Cause.MISSING);
    }

    @Test
    void readTogetherEachSwitchFailsClosedOnItsOwn() {
        set(keys.breakerState(), StateCodec.encode(BreakerState.initial()));

        var switches = reader.tradingSwitches().await().atMost(WAIT);

        assertThat(switches.breaker()).isEqualTo(ControlRead.present(BreakerState.initial()));
        assertCause(switches.killSwitch(), ControlRead.Cause.MISSING);
    }

    @Test
    void garbageInAControlKeyIsUnavailable() {
        set(keys.breakerState(), "{\"state\":\"OPEN\"");
        set(keys.killSwitchState(), "inactive");
        set(keys.reconciliationState(), "{\"state\":\"DONE\"}");

        assertCause(reader.breaker().await().atMost(WAIT), ControlRead.Cause.UNPARSABLE);
        assertCause(reader.killSwitch().await().atMost(WAIT), ControlRead.Cause.UNPARSABLE);
        assertCause(reader.reconciliation().await().atMost(WAIT), ControlRead.Cause.UNPARSABLE);
        var switches = reader.tradingSwitches().await().atMost(WAIT);
        assertCause(switches.breaker(), ControlRead.Cause.UNPARSABLE);
        assertCause(switches.killSwitch(), ControlRead.Cause.UNPARSABLE);
    }

    @Test
    void aWellFormedKeyIsReadAsItIs() {
        set(keys.breakerState(), StateCodec.encode(BreakerState.initial()));
        set(keys.killSwitchState(), StateCodec.encode(KillSwitchState.initial()));

        assertThat(reader.breaker().await().atMost(WAIT)).isEqualTo(ControlRead.present(BreakerState.initial()));
        assertThat(reader.killSwitch().await().atMost(WAIT)).isEqualTo(ControlRead.present(KillSwitchState.initial()));
        assertThat(reader.tradingSwitches().await().atMost(WAIT)).isEqualTo(new ControlStateReader.TradingSwitches(
                ControlRead.present(BreakerState.initial()), ControlRead.present(KillSwitchState.initial())));
    }

    @Test
    void aStoppedRedisIsUnreadableAndReadsRecoverWhenItReturns() {
        try (SpareRedis spare = SpareRedis.onFreePort().start()) {
            var spareRedis = DetachedStores.redisAt(vertx, spare.url());
            var onSpare = new ControlStateReader(new RedisControlStore(spareRedis, keys), spareRedis, keys);
            spareRedis.value(String.class).set(keys.breakerState(), StateCodec.encode(BreakerState.initial())).await().atMost(WAIT);
            assertThat(onSpare.breaker().await().atMost(WAIT).isPresent()).isTrue();

            spare.kill();
            assertCause(onSpare.breaker().await().atMost(WAIT), ControlRead.Cause.UNREADABLE);
            assertCause(onSpare.killSwitch().await().atMost(WAIT), ControlRead.Cause.UNREADABLE);
            assertCause(onSpare.reconciliation().await().atMost(WAIT), ControlRead.Cause.UNREADABLE);
            assertCause(onSpare.tradingSwitches().await().atMost(WAIT).breaker(), ControlRead.Cause.UNREADABLE);
            assertCause(onSpare.tradingSwitches().await().atMost(WAIT).killSwitch(), ControlRead.Cause.UNREADABLE);

            spare.start(); // a fresh, empty server: the key is gone, which still fails closed
            assertCause(onSpare.breaker().await().atMost(WAIT), ControlRead.Cause.MISSING);
        }
    }

    private void set(String key, String value) {
        redis.value(String.class).set(key, value).await().atMost(WAIT);
    }

    private static void assertCause(ControlRead<?> read, ControlRead.Cause cause) {
        assertThat(read).isInstanceOfSatisfying(ControlRead.Unavailable.class, u -> assertThat(u.cause()).isEqualTo(cause));
    }
}

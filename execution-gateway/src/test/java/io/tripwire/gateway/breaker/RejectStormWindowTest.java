package io.tripwire.gateway.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tripwire.gateway.GatewayMetrics;
import io.tripwire.gateway.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RejectStormWindowTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final GatewayMetrics metrics = new GatewayMetrics(registry);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final RejectStormWindow window = new RejectStormWindow(registry, Duration.ofSeconds(60), clock);

    @Test
    void countsRejectsWithinTheWindowOnly() {
        reject("PRICE_COLLAR", 5);
        assertThat(window.inWindow()).isEqualTo(5);

        clock.advance(Duration.ofSeconds(30));
        reject("FAT_FINGER", 3);
        assertThat(window.inWindow()).isEqualTo(8);

        clock.advance(Duration.ofSeconds(45)); // the first five are now older than the window
        assertThat(window.inWindow()).isEqualTo(3);
    }

    @Test
    void refusalsCausedByAHaltAlreadyInForceAreNotCounted() {
        reject("CIRCUIT_BREAKER_TRIPPED", 50);
        reject("KILL_SWITCH_ACTIVE", 50);
        reject("RATE_LIMITED", 2);
        assertThat(window.inWindow()).isEqualTo(2);
    }

    @Test
    void acceptedOrdersAreNotRejects() {
        metrics.order("ACCEPTED", "none");
        metrics.order("DUPLICATE", "none");
        assertThat(window.inWindow()).isZero();
    }

    @Test
    void aResetStartsANewWindow() {
        reject("PRICE_COLLAR", 10);
        window.onReset(new BreakerWasReset("ops", clock.instant()));
        assertThat(window.inWindow()).isZero();
        reject("PRICE_COLLAR", 1);
        assertThat(window.inWindow()).isEqualTo(1);
    }

    @Test
    void aResetMadeOnAnotherReplicaStartsANewWindowWhenTheEvaluationPassesItsTime() {
        reject("PRICE_COLLAR", 10);
        assertThat(window.inWindow(null)).isEqualTo(10); // the evaluation that tripped
        clock.advance(Duration.ofSeconds(5));
        Instant resetElsewhere = clock.instant(); // no BreakerWasReset here: the event stays on that replica
        clock.advance(Duration.ofSeconds(5));
        reject("PRICE_COLLAR", 2);

        assertThat(window.inWindow(resetElsewhere)).isEqualTo(2);
    }

    @Test
    void aResetOlderThanTheWindowChangesNothing() {
        Instant longAgo = clock.instant().minus(Duration.ofMinutes(5));
        reject("PRICE_COLLAR", 4);
        assertThat(window.inWindow(longAgo)).isEqualTo(4);
    }

    private void reject(String code, int times) {
        for (int i = 0; i < times; i++) {
            metrics.order("REJECTED", code);
        }
    }
}

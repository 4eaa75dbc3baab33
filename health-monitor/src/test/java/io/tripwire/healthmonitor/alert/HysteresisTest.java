package io.tripwire.healthmonitor.alert;

import static io.tripwire.healthmonitor.alert.Hysteresis.Decision.NONE;
import static io.tripwire.healthmonitor.alert.Hysteresis.Decision.RAISE;
import static io.tripwire.healthmonitor.alert.Hysteresis.Decision.RESOLVE;
import static io.tripwire.healthmonitor.check.ComponentStatus.DEGRADED;
import static io.tripwire.healthmonitor.check.ComponentStatus.HEALTHY;
import static io.tripwire.healthmonitor.check.ComponentStatus.UNHEALTHY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tripwire.healthmonitor.check.ComponentStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Raise after N unhealthy polls in a row, resolve after M healthy ones; plain JUnit (pure logic). */
class HysteresisTest {

    private static List<Hysteresis.Decision> feed(Hysteresis h, ComponentStatus... statuses) {
        List<Hysteresis.Decision> out = new ArrayList<>();
        for (ComponentStatus s : statuses) {
            out.add(h.observe("c", s));
        }
        return out;
    }

    @Test
    void raisesOnceAfterNAndResolvesOnceAfterM() {
        Hysteresis h = new Hysteresis(2, 3);
        assertThat(feed(h, UNHEALTHY, UNHEALTHY, UNHEALTHY, UNHEALTHY)).containsExactly(NONE, RAISE, NONE, NONE);
        assertThat(feed(h, HEALTHY, HEALTHY, UNHEALTHY, HEALTHY, HEALTHY, HEALTHY, HEALTHY))
                .containsExactly(NONE, NONE, NONE, NONE, NONE, RESOLVE, NONE);
        assertThat(h.open("c")).isFalse();
    }

    @Test
    void flappingGivesOneAlert() {
        Hysteresis h = new Hysteresis(2, 2);
        List<Hysteresis.Decision> d = feed(h, UNHEALTHY, UNHEALTHY, HEALTHY, UNHEALTHY, HEALTHY, UNHEALTHY, UNHEALTHY,
                HEALTHY, UNHEALTHY, HEALTHY, UNHEALTHY);
        assertThat(d.stream().filter(x -> x == RAISE)).hasSize(1);
        assertThat(d).doesNotContain(RESOLVE);
    }

    @Test
    void degradedBreaksBothStreaks() {
        Hysteresis h = new Hysteresis(2, 2);
        assertThat(feed(h, UNHEALTHY, DEGRADED, UNHEALTHY, DEGRADED)).containsOnly(NONE);
        feed(h, UNHEALTHY, UNHEALTHY);
        assertThat(feed(h, HEALTHY, DEGRADED, HEALTHY, HEALTHY)).containsExactly(NONE, NONE, NONE, RESOLVE);
    }

    @Test
    void anAlertNotQueuedIsDecidedAgainAtTheNextPoll() {
        Hysteresis h = new Hysteresis(2, 2);
        assertThat(feed(h, UNHEALTHY, UNHEALTHY)).containsExactly(NONE, RAISE);
        h.undo("c", RAISE);
        assertThat(h.open("c")).isFalse();
        assertThat(feed(h, UNHEALTHY)).containsExactly(RAISE);
        assertThat(feed(h, HEALTHY, HEALTHY)).containsExactly(NONE, RESOLVE);
        h.undo("c", RESOLVE);
        assertThat(feed(h, HEALTHY)).containsExactly(RESOLVE);
    }

    @Test
    void refusesThresholdsBelowOne() {
        assertThatThrownBy(() -> new Hysteresis(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}

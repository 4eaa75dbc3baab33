package io.tripwire.gateway.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.tripwire.gateway.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecentTripTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final RecentTrip recent = new RecentTrip(clock, Duration.ofMillis(100));

    @Test
    void nothingIsRefusedBeforeATrippedBreakerWasSeen() {
        assertThat(recent.refuse()).isFalse();
    }

    @Test
    void aTrippedSightingRefusesForTheWindowOnly() {
        recent.sawTripped(java.util.Map.of());
        clock.advance(Duration.ofMillis(99));
        assertThat(recent.refuse()).isTrue();

        clock.advance(Duration.ofMillis(1));
        assertThat(recent.refuse()).isFalse();
    }

    @Test
    void seeingTheBreakerNotTrippedOrAResetEndsTheRefusalAtOnce() {
        recent.sawTripped(java.util.Map.of());
        recent.sawNotTripped();
        assertThat(recent.refuse()).isFalse();

        recent.sawTripped(java.util.Map.of());
        recent.onReset(new BreakerWasReset("ops", clock.instant()));
        assertThat(recent.refuse()).isFalse();
    }

    @Test
    void aTrippedAnswerToAReadStartedBeforeTheBreakerWasSeenNotTrippedIsIgnored() {
        long probeStarted = recent.readStarted();
        recent.onReset(new BreakerWasReset("ops", clock.instant()));
        recent.sawTripped(probeStarted, java.util.Map.of());
        assertThat(recent.refuse()).isFalse();

        long nextProbe = recent.readStarted();
        recent.sawTripped(nextProbe, java.util.Map.of());
        assertThat(recent.refuse()).isTrue();
    }

    @Test
    void aZeroWindowNeverRefusesLocally() {
        RecentTrip off = new RecentTrip(clock, Duration.ZERO);
        off.sawTripped(java.util.Map.of());
        assertThat(off.refuse()).isFalse();
    }
}

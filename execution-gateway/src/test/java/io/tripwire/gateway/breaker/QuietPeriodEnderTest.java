package io.tripwire.gateway.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.tripwire.controlplane.control.Safety;
import io.tripwire.controlplane.state.BreakerState;
import io.tripwire.controlplane.state.BreakerStatus;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuietPeriodEnderTest {

    private static final Instant RESET = Instant.parse("2026-11-21T10:00:00Z");
    private static final Instant QUIET_UNTIL = RESET.plusSeconds(60);

    private final BreakerState quiet = BreakerState.initial().tripped("MANUAL", Map.of(), RESET.minusSeconds(600))
            .reset("ops", RESET, QUIET_UNTIL);

    @Test
    void aQuietPeriodThatIsOverBecomesOpenKeepingWhoResetIt() {
        BreakerState open = QuietPeriodEnder.endQuietPeriod(QUIET_UNTIL).transition().apply(quiet);

        assertThat(open.state()).isEqualTo(BreakerStatus.OPEN);
        assertThat(open.resetBy()).isEqualTo("ops");
        assertThat(open.quietUntil()).isNull();
        assertThat(open.tripCountToday()).isEqualTo(quiet.tripCountToday());
    }

    @Test
    void endingTheQuietPeriodIsASafetyDecreasingChange() {
        assertThat(QuietPeriodEnder.endQuietPeriod(QUIET_UNTIL).safety()).isEqualTo(Safety.DECREASING);
    }

    @Test
    void aQuietPeriodNotYetOverAndATrippedBreakerAreLeftAlone() {
        assertThat(QuietPeriodEnder.endQuietPeriod(QUIET_UNTIL.minusMillis(1)).transition().apply(quiet)).isSameAs(quiet);
        BreakerState tripped = quiet.tripped("MANUAL", Map.of(), QUIET_UNTIL);
        assertThat(QuietPeriodEnder.endQuietPeriod(QUIET_UNTIL.plusSeconds(5)).transition().apply(tripped)).isSameAs(tripped);
    }
}

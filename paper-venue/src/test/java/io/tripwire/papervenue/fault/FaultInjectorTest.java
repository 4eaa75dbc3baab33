package io.tripwire.papervenue.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tripwire.controlplane.reject.RejectException;
import io.tripwire.papervenue.PaperVenueConfig;
import io.tripwire.papervenue.TestConfigs;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultInjectorTest {

    private final PaperVenueConfig config = TestConfigs.defaults();

    @Test
    void withoutFaultsNothingIsInjected() {
        FaultInjector injector = new FaultInjector(config);
        assertThat(injector.plan(true)).isEqualTo(FaultPlan.NONE);
    }

    @Test
    void theSameSeedGivesTheSameSequenceOfOutcomes() {
        assertThat(outcomes(11, "0.5", 200)).isEqualTo(outcomes(11, "0.5", 200));
        assertThat(outcomes(11, "0.5", 200)).isNotEqualTo(outcomes(12, "0.5", 200));
    }

    @Test
    void errorRateIsRespectedOnAverageAndAtItsBounds() {
        assertThat(outcomes(1, "1", 100)).allMatch(status -> status == 500 || status == 503);
        assertThat(outcomes(1, "0", 100)).allMatch(status -> status == 0);
        long failures = outcomes(1, "0.25", 4_000).stream().filter(status -> status != 0).count();
        assertThat(failures).isBetween(850L, 1150L);
    }

    @Test
    void rejectAllAndHoldingApplyOnlyToOrderSubmissions() {
        FaultInjector injector = new FaultInjector(config);
        injector.set(new FaultSettings(null, null, BigDecimal.ONE, true, 5L), "test");
        assertThat(injector.plan(true)).satisfies(plan -> {
            assertThat(plan.rejectOrder()).isTrue();
            assertThat(plan.holdResponse()).isTrue();
        });
        assertThat(injector.plan(false)).satisfies(plan -> {
            assertThat(plan.rejectOrder()).isFalse();
            assertThat(plan.holdResponse()).isFalse();
        });
    }

    @Test
    void clearingRemovesEveryFault() {
        FaultInjector injector = new FaultInjector(config);
        injector.set(new FaultSettings(100L, BigDecimal.ONE, BigDecimal.ONE, true, 5L), "test");
        injector.clear("test");
        assertThat(injector.plan(true)).isEqualTo(FaultPlan.NONE);
        assertThat(injector.current().active()).isFalse();
    }

    @Test
    void latencyBeyondTheConfiguredMaximumIsRefused() {
        FaultInjector injector = new FaultInjector(config);
        long tooLong = config.faults().maxLatency().plus(Duration.ofMillis(1)).toMillis();
        assertThatThrownBy(() -> injector.set(new FaultSettings(tooLong, null, null, null, null), "test"))
                .isInstanceOf(RejectException.class);
    }

    private List<Integer> outcomes(long seed, String errorRate, int requests) {
        FaultInjector injector = new FaultInjector(config);
        injector.set(new FaultSettings(null, new BigDecimal(errorRate), null, null, seed), "test");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            statuses.add(injector.plan(false).errorStatus());
        }
        return statuses;
    }
}

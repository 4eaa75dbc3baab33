package io.tripwire.healthmonitor.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tripwire.healthmonitor.check.ComponentStatus;
import io.tripwire.healthmonitor.support.HealthFixtures;
import io.tripwire.healthmonitor.support.MonitoredTargets;
import io.tripwire.healthmonitor.support.NeverCompletingCheck;
import io.tripwire.healthmonitor.support.ScriptedCheck;
import io.tripwire.healthmonitor.support.ScriptedCheck.Step;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The monitor cannot complete a check: the last known status is served as stale with its age, never a made-up green. */
@QuarkusTest
@QuarkusTestResource(MonitoredTargets.class)
class StaleTest {

    @Inject HealthFixtures fixtures;
    @Inject ScriptedCheck scripted;
    @Inject HealthBook book;

    @BeforeEach
    void reset() {
        fixtures.reset();
    }

    @Test
    void aCheckThatThrowsLeavesTheLastKnownStatusStaleWithAGrowingAge() {
        Instant lastGood = fixtures.state(ScriptedCheck.NAME).lastCheck();
        scripted.steady(Step.THROW);
        Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> fixtures.state(ScriptedCheck.NAME).failedPolls() >= 1);
        ComponentState state = fixtures.state(ScriptedCheck.NAME);
        assertThat(state.stale(book.now(), book.staleAfter())).isTrue();
        assertThat(state.status()).isEqualTo(ComponentStatus.HEALTHY);
        assertThat(state.lastCheck()).isAfterOrEqualTo(lastGood);
        assertThat(state.lastError()).contains("scripted failure of the check itself");
        assertThat(state.metricValue(book.now(), book.staleAfter())).isEqualTo(3);

        long age = state.ageMs(book.now());
        Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> fixtures.state(ScriptedCheck.NAME).failedPolls() >= 2);
        assertThat(fixtures.state(ScriptedCheck.NAME).ageMs(book.now())).isGreaterThan(age);
        assertThat(fixtures.state(ScriptedCheck.NAME).lastCheck()).isEqualTo(state.lastCheck());

        scripted.steady(Step.HEALTHY);
        Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> fixtures.fresh(ScriptedCheck.NAME, ComponentStatus.HEALTHY));
        assertThat(fixtures.state(ScriptedCheck.NAME).lastError()).isNull();
    }

    @Test
    void aCheckThatNeverAnswersIsCutAtTheDeadlineAndServedStale() {
        scripted.steady(Step.UNHEALTHY);
        Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> fixtures.fresh(ScriptedCheck.NAME, ComponentStatus.UNHEALTHY));
        scripted.steady(Step.HANG);
        Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> fixtures.state(ScriptedCheck.NAME).failedPolls() >= 1);
        ComponentState state = fixtures.state(ScriptedCheck.NAME);
        assertThat(state.status()).isEqualTo(ComponentStatus.UNHEALTHY);
        assertThat(state.stale(book.now(), book.staleAfter())).isTrue();
        assertThat(state.lastError()).contains("did not complete within 700 ms");
        // Other components keep being polled while this one hangs.
        assertThat(fixtures.fresh("redis", ComponentStatus.HEALTHY)).isTrue();
    }

    @Test
    void aComponentNeverCheckedIsUnknownNotHealthy() {
        ComponentState never = fixtures.state(NeverCompletingCheck.NAME);
        assertThat(never.status()).isEqualTo(ComponentStatus.UNKNOWN);
        assertThat(never.lastCheck()).isNull();
        assertThat(never.ageMs(book.now())).isNull();
        assertThat(never.failedPolls()).isPositive();
        assertThat(never.lastError()).contains("cannot reach");
        assertThat(never.metricValue(book.now(), book.staleAfter())).isEqualTo(3);
    }
}

package io.tripwire.healthmonitor.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tripwire.healthmonitor.support.HealthFixtures;
import io.tripwire.healthmonitor.support.MonitoredTargets;
import io.tripwire.healthmonitor.support.ScriptedCheck;
import io.tripwire.healthmonitor.support.ScriptedCheck.Step;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A flapping component raises one alert, not a storm; stale polls neither raise nor resolve. */
@QuarkusTest
@QuarkusTestResource(MonitoredTargets.class)
class FlappingTest {

    private static final Step U = Step.UNHEALTHY;
    private static final Step H = Step.HEALTHY;

    @Inject HealthFixtures fixtures;
    @Inject ScriptedCheck scripted;
    @Inject HealthAlerts alerts;

    @BeforeEach
    void reset() {
        fixtures.reset();
    }

    @Test
    void flappingRaisesOneAlertAndOnlyASteadyRecoveryResolvesIt() {
        scripted.script(List.of(U, H, U, U, H, U, H, U, Step.THROW, H, Step.THROW, U, H, U, H), Step.HEALTHY);
        Awaitility.await().atMost(Duration.ofSeconds(25)).until(scripted::scriptDone);
        assertThat(fixtures.count(fixtures.alerts(ScriptedCheck.NAME), "firing")).isEqualTo(1);
        assertThat(fixtures.count(fixtures.alerts(ScriptedCheck.NAME), "resolved")).isZero();

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !alerts.open(ScriptedCheck.NAME));
        assertThat(fixtures.alerts(ScriptedCheck.NAME)).extracting(a -> a.get("status")).containsExactly("firing", "resolved");
    }

    @Test
    void singleUnhealthyPollsBetweenHealthyOnesRaiseNothing() {
        scripted.script(List.of(U, H, U, H, U, Step.DEGRADED, U, H), Step.HEALTHY);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(scripted::scriptDone);
        Awaitility.await().pollDelay(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(fixtures.alerts(ScriptedCheck.NAME)).isEmpty();
    }
}

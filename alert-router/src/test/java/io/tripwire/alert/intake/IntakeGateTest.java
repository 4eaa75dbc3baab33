package io.tripwire.alert.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.tripwire.alert.config.AlertRouterConfig;
import io.tripwire.alert.delivery.AlertMetrics;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.reject.RejectException;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/** The HTTP intake is bounded: over the bound → 429 RATE_LIMITED with Retry-After, counted; a failed store → 503. */
class IntakeGateTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final IntakeGate gate = new IntakeGate(config(1), new AlertMetrics(registry));

    @Test
    void overTheBoundIsRefusedWith429AndCounted() {
        gate.admit("api", () -> Uni.createFrom().emitter(e -> { })).subscribe().withSubscriber(UniAssertSubscriber.create());
        var second = gate.admit("api", () -> Uni.createFrom().item("stored")).subscribe().withSubscriber(UniAssertSubscriber.create());
        RejectException reject = (RejectException) second.assertFailedWith(RejectException.class).getFailure();
        assertThat(reject.code()).isEqualTo(RejectCode.RATE_LIMITED);
        assertThat(reject.body().details()).containsKey("retry_after_ms");
        assertThat(registry.counter("alert.intake.rejected", "intake", "api", "reason", "full").count()).isEqualTo(1);
    }

    @Test
    void aStoreFailureIs503AndFreesTheSlot() {
        var failed = gate.admit("api", () -> Uni.createFrom().failure(new IllegalStateException("pg down")))
                .subscribe().withSubscriber(UniAssertSubscriber.create());
        assertThat(((RejectException) failed.getFailure()).code()).isEqualTo(RejectCode.CONTROL_PLANE_UNAVAILABLE);
        gate.admit("api", () -> Uni.createFrom().item("ok")).subscribe().withSubscriber(UniAssertSubscriber.create()).assertItem("ok");
    }

    private static AlertRouterConfig config(int maxInFlight) {
        AlertRouterConfig.Intake intake = (AlertRouterConfig.Intake) Proxy.newProxyInstance(IntakeGateTest.class.getClassLoader(),
                new Class<?>[] {AlertRouterConfig.Intake.class}, (p, m, a) -> m.getName().equals("maxInFlight") ? maxInFlight : null);
        return (AlertRouterConfig) Proxy.newProxyInstance(IntakeGateTest.class.getClassLoader(), new Class<?>[] {AlertRouterConfig.class},
                (p, m, a) -> m.getName().equals("intake") ? intake : null);
    }
}

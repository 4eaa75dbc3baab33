package io.tripwire.healthmonitor.support;

import io.smallrye.mutiny.Uni;
import io.tripwire.healthmonitor.check.ComponentCheck;
import io.tripwire.healthmonitor.check.ComponentStatus;
import io.tripwire.healthmonitor.check.Observation;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A test component whose polls follow a script: each poll takes the next step (then the steady one). THROW is a
 * check that cannot complete; HANG one that never answers (the deadline turns it into a failed poll).
 */
@ApplicationScoped
public class ScriptedCheck implements ComponentCheck {

    public static final String NAME = "scripted";

    public enum Step { HEALTHY, DEGRADED, UNHEALTHY, THROW, HANG }

    private final ConcurrentLinkedQueue<Step> script = new ConcurrentLinkedQueue<>();
    private volatile Step steady = Step.HEALTHY;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String kind() {
        return "test";
    }

    public void steady(Step step) {
        script.clear();
        steady = step;
    }

    public void script(List<Step> steps, Step then) {
        steady = then;
        script.clear();
        script.addAll(steps);
    }

    public boolean scriptDone() {
        return script.isEmpty();
    }

    @Override
    public Uni<Observation> check() {
        Step step = script.poll();
        return switch (step == null ? steady : step) {
            case HEALTHY -> Uni.createFrom().item(Observation.of(ComponentStatus.HEALTHY, 1L, "scripted healthy"));
            case DEGRADED -> Uni.createFrom().item(Observation.of(ComponentStatus.DEGRADED, 900L, "scripted slow"));
            case UNHEALTHY -> Uni.createFrom().item(Observation.of(ComponentStatus.UNHEALTHY, null, "scripted down"));
            case THROW -> throw new IllegalStateException("scripted failure of the check itself");
            case HANG -> Uni.createFrom().nothing();
        };
    }
}

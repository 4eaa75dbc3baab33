package io.tripwire.healthmonitor.support;

import io.smallrye.mutiny.Uni;
import io.tripwire.healthmonitor.check.ComponentCheck;
import io.tripwire.healthmonitor.check.Observation;
import jakarta.enterprise.context.ApplicationScoped;

/** A test component whose check never completes: it must stay UNKNOWN, never HEALTHY. */
@ApplicationScoped
public class NeverCompletingCheck implements ComponentCheck {

    public static final String NAME = "never-checked";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String kind() {
        return "test";
    }

    @Override
    public Uni<Observation> check() {
        return Uni.createFrom().failure(new IllegalStateException("the monitor cannot reach this component's check"));
    }
}

package io.tripwire.reconciler.run;

import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.control.ControlStateReconciler;
import io.tripwire.reconciler.config.ReconcilerConfig;
import io.tripwire.reconciler.exposure.ExposureRebuilder;
import io.tripwire.reconciler.lease.Fence;
import io.tripwire.reconciler.orders.OrderReconciler;
import io.tripwire.reconciler.positions.PositionReconciler;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The steps of one run, in order: control keys (quarantines, then kill switch, then breaker) →
 * orders → positions (re-checked with a fresh order pass while a difference beyond tolerance shows)
 * → exposure. Any failure fails the run.
 */
@ApplicationScoped
public class RunSteps {

    private static final Duration RECHECK_DELAY = Duration.ofMillis(250);

    private final ControlStateReconciler control;
    private final OrderReconciler orders;
    private final PositionReconciler positions;
    private final ExposureRebuilder exposure;
    private final RunRepository runs;
    private final ReconcilerConfig config;

    public RunSteps(ControlStateReconciler control, OrderReconciler orders, PositionReconciler positions,
                    ExposureRebuilder exposure, RunRepository runs, ReconcilerConfig config) {
        this.control = control;
        this.orders = orders;
        this.positions = positions;
        this.exposure = exposure;
        this.runs = runs;
        this.config = config;
    }

    /** Runs every step; completes with the start of the venue order window covered. */
    public Uni<Instant> run(Fence fence, RunLog log) {
        return fence.check()
                .chain(() -> restoreControlKeys(log))
                .chain(runs::highWaterMark)
                .chain(hwm -> ordersAndPositions(fence, log, hwm, 0))
                .call(() -> exposure.rebuild(fence, log));
    }

    /** The control-key restore alone (the frequent check between runs uses it too). */
    public Uni<Void> restoreControlKeys(RunLog log) {
        return control.reconcileAll().invoke(outcomes -> {
            for (Map.Entry<String, ControlStateReconciler.Outcome> e : outcomes.entrySet()) {
                if (e.getValue() == ControlStateReconciler.Outcome.IN_SYNC) {
                    log.count("control_key_in_sync");
                } else {
                    log.mismatch("control_state", "control_key_" + e.getValue().name().toLowerCase(),
                            Map.of("key", e.getKey()));
                }
            }
        }).replaceWithVoid();
    }

    private Uni<Instant> ordersAndPositions(Fence fence, RunLog log, Instant hwm, int attempt) {
        boolean last = attempt >= config.positionRechecks();
        return orders.reconcile(fence, log, hwm).chain(windowStart -> positions.reconcile(fence, log, last)
                .chain(outcome -> {
                    if (outcome.settled()) {
                        return Uni.createFrom().item(windowStart);
                    }
                    log.count("position_rechecks");
                    return Uni.createFrom().voidItem().onItem().delayIt().by(RECHECK_DELAY)
                            .chain(() -> ordersAndPositions(fence, log, hwm, attempt + 1));
                }));
    }
}

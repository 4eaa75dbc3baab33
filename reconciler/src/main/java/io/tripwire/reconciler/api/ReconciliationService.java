package io.tripwire.reconciler.api;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.keys.RedisKeys;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.reject.RejectException;
import io.tripwire.controlplane.state.ControlRead;
import io.tripwire.controlplane.state.ReconciliationState;
import io.tripwire.reconciler.lease.ReconcilerLease;
import io.tripwire.reconciler.run.ReconciliationRunner;
import io.tripwire.reconciler.run.ReconciliationStateStore;
import io.tripwire.reconciler.run.RunInProgressException;
import io.tripwire.reconciler.run.RunRecord;
import io.tripwire.reconciler.run.RunRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;

/** What the reconciliation endpoints do: run on demand (here, or by asking the active instance) and report status. */
@ApplicationScoped
public class ReconciliationService {

    private final ReconciliationRunner runner;
    private final ReconciliationStateStore state;
    private final RunRepository runs;
    private final ReconcilerLease lease;
    private final ReactiveRedisDataSource redis;
    private final RedisKeys keys;

    public ReconciliationService(ReconciliationRunner runner, ReconciliationStateStore state, RunRepository runs,
                                 ReconcilerLease lease, ReactiveRedisDataSource redis, RedisKeys keys) {
        this.runner = runner;
        this.state = state;
        this.runs = runs;
        this.lease = lease;
        this.redis = redis;
        this.keys = keys;
    }

    /** A finished run (this instance was active and idle), or an acknowledgement (in progress, or asked of the active one). */
    public sealed interface RunAnswer permits Finished, Accepted {
    }

    public record Finished(RunRecord run) implements RunAnswer {
    }

    public record Accepted(Map<String, Object> body) implements RunAnswer {
    }

    public Uni<RunAnswer> runNow() {
        return runner.run("MANUAL").<RunAnswer>map(Finished::new)
                .onFailure(RunInProgressException.class).recoverWithItem(e -> new Accepted(Map.of(
                        "status", "in_progress", "run_id", ((RunInProgressException) e).runId())))
                .onFailure(e -> e instanceof RejectException r && r.code() == RejectCode.STATE_CONFLICT)
                .recoverWithUni(e -> redis.value(String.class).set(keys.reconcilerRunRequested(), lease.instance())
                        .chain(() -> lease.holder())
                        .map(holder -> new Accepted(Map.of("status", "requested",
                                "active_instance", holder == null ? "none" : holder))))
                .onFailure(e -> !(e instanceof RejectException)).transform(e -> new RejectException(
                        RejectCode.CONTROL_PLANE_UNAVAILABLE, "reconciliation could not start: " + e.getMessage()));
    }

    public Uni<StatusView> status() {
        Uni<String> holder = lease.holder().onFailure().recoverWithNull();
        return Uni.combine().all().unis(state.read(), holder, runs.recent(1), runs.lastSuccess()).asTuple()
                .ifNoItem().after(Duration.ofSeconds(5)).fail()
                .map(t -> {
                    ControlRead<ReconciliationState> read = t.getItem1();
                    ReconciliationState s = read instanceof ControlRead.Present<ReconciliationState>(ReconciliationState v) ? v : null;
                    String shown = s != null ? s.state().name() : ((ControlRead.Unavailable<ReconciliationState>) read).cause().name();
                    String active = t.getItem2() == null ? null : t.getItem2().substring(0, t.getItem2().lastIndexOf('|'));
                    RunRecord last = t.getItem3().isEmpty() ? null : t.getItem3().getFirst();
                    RunRecord success = t.getItem4();
                    return new StatusView(shown, s == null ? null : s.runId(), s == null ? null : s.startedAt(),
                            s == null ? null : s.finishedAt(), active, lease.instance(), lease.current() != null,
                            runner.running(), StatusView.RunSummary.of(last), success == null ? null : success.finishedAt());
                })
                .onFailure(e -> !(e instanceof RejectException)).transform(e -> new RejectException(
                        RejectCode.CONTROL_PLANE_UNAVAILABLE, "status unavailable: " + e.getMessage()));
    }

    public Uni<RunRecord> run(String runId) {
        return runs.find(runId).onItem().ifNull().failWith(() -> new RejectException(RejectCode.NOT_FOUND, "no run " + runId));
    }

    public Uni<java.util.List<StatusView.RunSummary>> recent(int limit) {
        return runs.recent(Math.max(1, Math.min(limit, 200))).map(list -> list.stream().map(StatusView.RunSummary::of).toList());
    }
}

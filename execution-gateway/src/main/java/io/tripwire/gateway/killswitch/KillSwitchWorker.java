package io.tripwire.gateway.killswitch;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.control.ControlStateReader;
import io.tripwire.controlplane.state.ControlRead;
import io.tripwire.controlplane.state.KillSwitchMode;
import io.tripwire.controlplane.state.KillSwitchState;
import io.tripwire.gateway.order.CancelService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Carries out an active kill switch, every {@code gateway.kill-switch.recheck-interval}: first cancel
 * every working order (once per activation version, retried until it succeeds), then on every run cancel
 * stragglers ({@link WorkingOrderSweep}) and for CLOSE_POSITIONS run one flatten round until the venue
 * reports flat, and keep checking after that.
 * It works from the stored state, so a restarted gateway resumes an unfinished flatten by itself.
 */
@ApplicationScoped
public class KillSwitchWorker {

    /** The actor of everything the switch does by itself (audit, order events, kill_switch_events). */
    static final String ACTOR = "system:kill-switch";
    static final Duration CANCEL_WAIT = Duration.ofSeconds(10);

    private final ControlStateReader reader;
    private final CancelService cancels;
    private final Flattener flattener;
    private final KillSwitchEventRepository events;
    private final WorkingOrderSweep stragglers;
    /** Activations (see {@link #activation}) whose cancel-all succeeded, and those the venue reported flat for. */
    private final Set<String> halted = ConcurrentHashMap.newKeySet();
    private final Set<String> flat = ConcurrentHashMap.newKeySet();
    private final Map<String, Uni<CancelReport>> halting = new ConcurrentHashMap<>();

    public KillSwitchWorker(ControlStateReader reader, CancelService cancels, Flattener flattener,
                            KillSwitchEventRepository events, WorkingOrderSweep stragglers) {
        this.reader = reader;
        this.cancels = cancels;
        this.flattener = flattener;
        this.events = events;
        this.stragglers = stragglers;
    }

    void onStart(@Observes StartupEvent event) {
        reader.killSwitch().subscribe().with(read -> {
            if (read instanceof ControlRead.Present<KillSwitchState>(KillSwitchState s) && s.active()) {
                Log.warnf("Kill switch is active (%s) at start: resuming %s", s.mode(),
                        s.mode() == KillSwitchMode.CLOSE_POSITIONS ? "cancel-all and flattening" : "cancel-all");
            }
        }, e -> Log.warnf("kill switch not readable at start: %s", e.getMessage()));
    }

    @Scheduled(every = "${gateway.kill-switch.recheck-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "kill-switch-worker")
    Uni<Void> tick() {
        return reader.killSwitch().chain(read -> {
            if (!(read instanceof ControlRead.Present<KillSwitchState>(KillSwitchState s)) || !s.active()) {
                if (read.isPresent()) {
                    halted.clear();
                    flat.clear();
                }
                return Uni.createFrom().voidItem();
            }
            return run(s);
        }).onFailure().invoke(e -> Log.warnf("kill-switch run failed (retried in a second): %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** Whether the venue reported flat for this CLOSE_POSITIONS activation. */
    public boolean isFlat(KillSwitchState state) {
        return flat.contains(activation(state));
    }

    private Uni<Void> run(KillSwitchState state) {
        Uni<CancelReport> halt = halt(state, ACTOR).call(report -> report.error() != null
                ? Uni.createFrom().voidItem() : stragglers.sweep(state));
        if (state.mode() != KillSwitchMode.CLOSE_POSITIONS) {
            return halt.replaceWithVoid();
        }
        return halt.chain(report -> report.error() != null ? Uni.createFrom().voidItem() : flattener.round(state)
                .invoke(isFlat -> {
                    if (isFlat && flat.add(activation(state))) {
                        Log.warnf("Kill switch CLOSE_POSITIONS: the venue reports flat (version %d)", state.version());
                        events.record(KillSwitchEventRepository.Kind.FLATTEN_COMPLETE, state.mode(), state.reason(),
                                "kill-switch", ACTOR, Map.of("kill_switch_version", state.version()))
                                .subscribe().with(ignored -> { });
                    } else if (!isFlat) {
                        flat.remove(activation(state));
                    }
                }).replaceWithVoid());
    }

    /**
     * Cancels every working order once per activation version; retried by the next run when it fails.
     * A call while the same version's cancel-all is running joins it.
     */
    public Uni<CancelReport> halt(KillSwitchState state, String actor) {
        String activation = activation(state);
        if (halted.contains(activation)) {
            return Uni.createFrom().item(CancelReport.already());
        }
        return halting.computeIfAbsent(activation, key -> cancelAll(state, actor)
                .onTermination().invoke(() -> halting.remove(key))
                .memoize().indefinitely());
    }

    private Uni<CancelReport> cancelAll(KillSwitchState state, String actor) {
        return cancels.cancelAll(actor)
                .ifNoItem().after(CANCEL_WAIT).fail()
                .map(count -> {
                    halted.add(activation(state));
                    return CancelReport.done(count);
                })
                .onFailure().recoverWithItem(e -> CancelReport.failed(String.valueOf(e.getMessage())))
                .call(report -> events.record(report.error() == null ? KillSwitchEventRepository.Kind.CANCEL_ALL
                                : KillSwitchEventRepository.Kind.CANCEL_ALL_FAILED, state.mode(), state.reason(),
                        "kill-switch", actor, report.error() == null
                                ? Map.of("requested", report.requested(), "kill_switch_version", state.version())
                                : Map.of("error", report.error(), "kill_switch_version", state.version())));
    }

    /** One activation or escalation: the version changes with each, the activation time tells restored stores apart. */
    private static String activation(KillSwitchState state) {
        return state.version() + "@" + state.activatedAt();
    }
}

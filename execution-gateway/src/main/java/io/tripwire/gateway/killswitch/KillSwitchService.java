package io.tripwire.gateway.killswitch;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.alert.Alert;
import io.tripwire.controlplane.alert.AlertPublisher;
import io.tripwire.controlplane.alert.Severity;
import io.tripwire.controlplane.control.ControlChanges;
import io.tripwire.controlplane.control.ControlStateReader;
import io.tripwire.controlplane.control.ControlStateService;
import io.tripwire.controlplane.control.ControlWriteResult;
import io.tripwire.controlplane.control.Store;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.reject.RejectException;
import io.tripwire.controlplane.state.ControlRead;
import io.tripwire.controlplane.state.KillSwitchMode;
import io.tripwire.controlplane.state.KillSwitchState;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Activates and deactivates the kill switch through {@link ControlStateService}. Activation is
 * safety-increasing (effective once one store has it) and latched: HALT_ONLY can be escalated to
 * CLOSE_POSITIONS, never downgraded. It is followed at once by the cancel-all of every working order;
 * CLOSE_POSITIONS then flattens in the background ({@link KillSwitchWorker}). Deactivation is
 * safety-decreasing: both stores and the audit row, else 503 and nothing changes.
 */
@ApplicationScoped
public class KillSwitchService {

    static final String ALERT_KEY = "kill-switch-active";
    private static final int MAX_REASON_LENGTH = 500;

    private final ControlStateService controlState;
    private final ControlStateReader reader;
    private final KillSwitchWorker worker;
    private final KillSwitchEventRepository events;
    private final KillSwitchMetrics metrics;
    private final AlertPublisher alerts;
    private final Clock clock;

    public KillSwitchService(ControlStateService controlState, ControlStateReader reader, KillSwitchWorker worker,
                             KillSwitchEventRepository events, KillSwitchMetrics metrics, AlertPublisher alerts, Clock clock) {
        this.controlState = controlState;
        this.reader = reader;
        this.worker = worker;
        this.events = events;
        this.metrics = metrics;
        this.alerts = alerts;
        this.clock = clock;
    }

    public Uni<KillSwitchView> view() {
        return reader.killSwitch().map(read -> KillSwitchView.of(read, worker));
    }

    public Uni<KillSwitchChangeView> activate(KillSwitchRequest request, String actor) {
        if (request == null || request.mode() == null) {
            return invalid("mode", "mode is required: HALT_ONLY or CLOSE_POSITIONS");
        }
        String reason = reason(request.reason());
        if (reason == null) {
            return invalid("reason", "reason is required (1.." + MAX_REASON_LENGTH + " characters)");
        }
        Instant now = clock.instant();
        return reader.killSwitch().chain(before -> controlState.apply(
                        ControlChanges.activateKillSwitch(request.mode(), reason, actor, now))
                .call(result -> result.changed() ? recordActivation(result.value(), wasActive(before), actor, now)
                        : Uni.createFrom().voidItem())
                .chain(result -> worker.halt(result.value(), actor)
                        .map(cancel -> new KillSwitchChangeView(result.changed(), stores(result),
                                KillSwitchView.of(result.value(), worker), cancel))));
    }

    public Uni<KillSwitchChangeView> deactivate(String rawReason, String actor) {
        String reason = reason(rawReason);
        if (reason == null) {
            return invalid("reason", "reason is required (1.." + MAX_REASON_LENGTH + " characters)");
        }
        return reader.killSwitch().chain(before -> controlState.apply(ControlChanges.deactivateKillSwitch(reason, actor))
                .call(result -> {
                    if (!result.changed()) {
                        return Uni.createFrom().voidItem();
                    }
                    KillSwitchMode mode = before instanceof ControlRead.Present<KillSwitchState>(KillSwitchState s) ? s.mode() : null;
                    Log.warnf("Kill switch DEACTIVATED by %s: %s", actor, reason);
                    return events.record(KillSwitchEventRepository.Kind.DEACTIVATE, mode, reason, "api", actor,
                                    Map.of("kill_switch_version", result.value().version()))
                            .chain(() -> alerts.publish(new Alert(Severity.CRITICAL, "execution-gateway",
                                    "Kill switch deactivated by " + actor + ": " + reason, Map.of("deactivated_by", actor),
                                    ALERT_KEY, true, clock.instant())).replaceWithVoid());
                })
                .map(result -> new KillSwitchChangeView(result.changed(), stores(result),
                        KillSwitchView.of(result.value(), worker), null)));
    }

    private Uni<Void> recordActivation(KillSwitchState state, boolean escalation, String actor, Instant at) {
        metrics.activated(state.mode());
        Log.warnf("Kill switch %s %s by %s: %s", escalation ? "ESCALATED to" : "ACTIVATED", state.mode(), actor,
                state.reason());
        var kind = escalation ? KillSwitchEventRepository.Kind.ESCALATE : KillSwitchEventRepository.Kind.ACTIVATE;
        return events.record(kind, state.mode(), state.reason(), "api", actor, Map.of("kill_switch_version", state.version()))
                .chain(() -> alerts.publish(new Alert(Severity.CRITICAL, "execution-gateway",
                        "Kill switch " + state.mode() + " by " + actor + ": " + state.reason(),
                        Map.of("mode", state.mode().name(), "activated_by", actor), ALERT_KEY, false, at)).replaceWithVoid());
    }

    private static boolean wasActive(ControlRead<KillSwitchState> before) {
        return before instanceof ControlRead.Present<KillSwitchState>(KillSwitchState s) && s.active();
    }

    private static java.util.List<String> stores(ControlWriteResult<KillSwitchState> result) {
        return result.confirmed().stream().map(Store::name).sorted().toList();
    }

    private static String reason(String raw) {
        String trimmed = raw == null ? "" : raw.trim();
        return trimmed.isEmpty() || trimmed.length() > MAX_REASON_LENGTH ? null : trimmed;
    }

    private static <T> Uni<T> invalid(String field, String message) {
        return Uni.createFrom().failure(new RejectException(RejectCode.VALIDATION_FAILED, message,
                Map.of("fields", Map.of(field, message))));
    }
}

package io.tripwire.controlplane.control;

import io.tripwire.controlplane.state.BreakerState;
import io.tripwire.controlplane.state.BreakerStatus;
import io.tripwire.controlplane.state.KillSwitchMode;
import io.tripwire.controlplane.state.KillSwitchState;
import io.tripwire.controlplane.state.QuarantineState;
import io.tripwire.controlplane.state.TradingGateState;
import java.time.Instant;
import java.util.Map;

/**
 * The control changes the runbooks name, as {@link ControlChange}s with their safety direction and
 * transition. Transitions return the current value unchanged for a no-op (trip while TRIPPED,
 * activate while active), which the service reports as {@code changed=false}.
 */
public final class ControlChanges {

    private ControlChanges() {
    }

    public static ControlChange<BreakerState> tripBreaker(String reason, Map<String, Object> details, String actor,
                                                          Instant now) {
        // who tripped it travels with the state: a refused order's 423 body names them
        Map<String, Object> withActor = new java.util.LinkedHashMap<>(details == null ? Map.of() : details);
        withActor.putIfAbsent("tripped_by", actor);
        return new ControlChange<>(ControlKey.breaker(), Safety.INCREASING, "CIRCUIT_BREAKER_TRIP", actor, reason,
                details, current -> {
            BreakerState base = current == null ? BreakerState.initial() : current;
            return base.state() == BreakerStatus.TRIPPED ? current : base.tripped(reason, withActor, now);
        });
    }

    /** TRIPPED → QUIET_PERIOD (reduce-only until {@code quietUntil}); anything else is a no-op. */
    public static ControlChange<BreakerState> resetBreaker(String reason, String actor, Instant now, Instant quietUntil) {
        return new ControlChange<>(ControlKey.breaker(), Safety.DECREASING, "CIRCUIT_BREAKER_RESET", actor, reason,
                Map.of("reset_by", actor), current -> current != null && current.state() == BreakerStatus.TRIPPED
                ? current.reset(actor, now, quietUntil) : current);
    }

    /** Activates, or escalates HALT_ONLY to CLOSE_POSITIONS; never downgrades a latched switch. */
    public static ControlChange<KillSwitchState> activateKillSwitch(KillSwitchMode mode, String reason, String actor,
                                                                    Instant now) {
        return new ControlChange<>(ControlKey.killSwitch(), Safety.INCREASING, "KILL_SWITCH_ACTIVATE", actor, reason,
                Map.of("mode", mode.name()), current -> {
            KillSwitchState base = current == null ? KillSwitchState.initial() : current;
            boolean escalation = base.active() && base.mode() == KillSwitchMode.HALT_ONLY && mode == KillSwitchMode.CLOSE_POSITIONS;
            return base.active() && !escalation ? current : base.activated(mode, reason, actor, now);
        });
    }

    public static ControlChange<KillSwitchState> deactivateKillSwitch(String reason, String actor) {
        return new ControlChange<>(ControlKey.killSwitch(), Safety.DECREASING, "KILL_SWITCH_DEACTIVATE", actor, reason,
                Map.of(), current -> current != null && current.active() ? current.deactivated() : current);
    }

    public static ControlChange<QuarantineState> quarantine(String strategyOrAll, String symbol, String reason,
                                                            String actor) {
        return new ControlChange<>(ControlKey.quarantine(strategyOrAll, symbol), Safety.INCREASING, "QUARANTINE_SET",
                actor, reason, Map.of(), current -> current != null ? current : new QuarantineState(reason, 0));
    }

    public static ControlChange<QuarantineState> clearQuarantine(String strategyOrAll, String symbol, String reason,
                                                                 String actor) {
        return new ControlChange<>(ControlKey.quarantine(strategyOrAll, symbol), Safety.DECREASING, "QUARANTINE_CLEARED",
                actor, reason, Map.of(), current -> null);
    }

    /**
     * A gate evaluation: closing (or keeping closed) is safety-increasing and works while PostgreSQL is down;
     * opening needs both stores. The same evaluation twice within its trading day is a no-op; a new day's
     * evaluation replaces the last one, so that it holds until the new day ends (ADR 0053).
     */
    public static ControlChange<TradingGateState> evaluateTradingGate(String scope, TradingGateState evaluated) {
        Safety safety = evaluated.open() ? Safety.DECREASING : Safety.INCREASING;
        return new ControlChange<>(ControlKey.tradingGate(scope), safety, evaluated.open() ? "TRADING_GATE_OPENED"
                : "TRADING_GATE_CLOSED", evaluated.evaluatedBy(), evaluated.open() ? "every gate check passed"
                : String.join(",", evaluated.reasons()), Map.of("scope", scope, "reasons", evaluated.reasons(),
                "run_id", evaluated.runId() == null ? "" : evaluated.runId()),
                current -> current != null && current.open() == evaluated.open() && current.reasons().equals(evaluated.reasons())
                        && current.validUntil().equals(evaluated.validUntil())
                        ? current : evaluated.withVersion(current == null ? 0 : current.version()));
    }
}

package io.tripwire.controlplane.state;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A daily trading gate on {@code trading_gate:{scope}} (scope {@code venue:<name>} or {@code strategy:<id>}):
 * open only when every check of its last evaluation passed (NO DATA / NO RECONCILE / NO CONFIRM). A closed
 * gate refuses risk-increasing orders with TRADING_GATE_CLOSED and its reasons; a missing one is unknown and
 * refuses too (fail closed).
 *
 * @param reasons the coded reasons it is closed ({@link TradingGateReason} names); empty when open
 */
public record TradingGateState(boolean open, List<String> reasons, Instant evaluatedAt, String evaluatedBy, String runId,
                               long version) implements ControlValue {

    public TradingGateState {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        Objects.requireNonNull(evaluatedAt, "evaluatedAt");
        Objects.requireNonNull(evaluatedBy, "evaluatedBy");
        if (open && !reasons.isEmpty()) {
            throw new IllegalArgumentException("an open gate has no reasons to be closed");
        }
        if (!open && reasons.isEmpty()) {
            throw new IllegalArgumentException("a closed gate needs at least one reason");
        }
    }

    @Override
    public int restrictiveness() {
        return open ? 0 : 1;
    }

    @Override
    public TradingGateState withVersion(long newVersion) {
        return new TradingGateState(open, reasons, evaluatedAt, evaluatedBy, runId, newVersion);
    }
}

package io.tripwire.reconciler.desk;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.control.ControlChanges;
import io.tripwire.controlplane.control.ControlStateService;
import io.tripwire.controlplane.state.TradingGateReason;
import io.tripwire.controlplane.state.TradingGateState;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * NO DATA / NO RECONCILE / NO CONFIRM for a day, from what PostgreSQL holds (nothing recorded = closed), and its
 * recording on the gateway's gate keys ({@code trading_gate:<scope>}, through the control-state service:
 * PostgreSQL + Redis + audit, closing even while PostgreSQL is down, opening only with both stores).
 */
@ApplicationScoped
public class DeskGates {

    private final DeskRepository desk;
    private final TicketRepository tickets;
    private final ControlStateService controlState;
    private final DeskConfig config;
    private final Clock clock;

    public DeskGates(DeskRepository desk, TicketRepository tickets, ControlStateService controlState, DeskConfig config,
                     Clock clock) {
        this.desk = desk;
        this.tickets = tickets;
        this.controlState = controlState;
        this.config = config;
        this.clock = clock;
    }

    /** The coded reasons the day's gate is closed (sorted; empty = open). */
    public Uni<List<String>> reasons(LocalDate asof) {
        return Uni.combine().all().unis(desk.latestDataQuality(asof),
                        desk.latestReconciliation(asof.minusDays(config.reconcileMaxAgeDays()), asof), tickets.previous(asof))
                .with((dq, reconciled, previous) -> {
                    List<String> reasons = new ArrayList<>();
                    if (dq == null || !dq.passed()) {
                        reasons.add(TradingGateReason.DATA_QUALITY_FAIL.name());
                    }
                    if (reconciled == null) {
                        reasons.add(TradingGateReason.RECONCILIATION_REQUIRED.name());
                    } else if (!reconciled) {
                        reasons.add(TradingGateReason.RECONCILIATION_FAIL.name());
                    }
                    if (previous != null && !previous.confirmed()) {
                        reasons.add(TradingGateReason.CONFIRMATION_MISSING.name());
                    }
                    return reasons.stream().sorted().toList();
                });
    }

    /**
     * Records the evaluation for trading day {@code asof} on every configured scope. It holds until that day ends in
     * the desk's zone: an open gate of yesterday refuses orders today until today's checks have run (ADR 0053).
     */
    public Uni<Void> publish(List<String> reasons, LocalDate asof, String runId, String actor) {
        TradingGateState evaluated = new TradingGateState(reasons.isEmpty(), reasons, clock.instant(),
                TradingGateState.endOfDay(asof, ZoneId.of(config.zone())), actor, runId, 0);
        return Multi.createFrom().iterable(config.gateScopes())
                .onItem().transformToUniAndConcatenate(scope -> controlState.apply(ControlChanges.evaluateTradingGate(scope, evaluated)))
                .collect().last().replaceWithVoid();
    }
}

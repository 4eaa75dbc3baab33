package io.tripwire.gateway.gates;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.control.ControlChanges;
import io.tripwire.controlplane.control.ControlKey;
import io.tripwire.controlplane.control.ControlStateService;
import io.tripwire.controlplane.control.ControlWriteResult;
import io.tripwire.controlplane.control.RedisControlStore;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.reject.RejectException;
import io.tripwire.controlplane.state.ControlRead;
import io.tripwire.controlplane.state.TradingGateReason;
import io.tripwire.controlplane.state.TradingGateState;
import jakarta.enterprise.context.ApplicationScoped;
import io.tripwire.gateway.GatewayConfig;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Records gate evaluations (closing works while PostgreSQL is down; opening needs both stores, audited as
 * every control change) and shows the gates this gateway enforces.
 */
@ApplicationScoped
public class TradingGateService {

    static final Pattern SCOPE = Pattern.compile("(venue|strategy):[A-Za-z0-9._-]{1,64}");

    private final ControlStateService controlState;
    private final RedisControlStore store;
    private final TradingGates gates;
    private final ZoneId zone;
    private final Clock clock;

    public TradingGateService(ControlStateService controlState, RedisControlStore store, TradingGates gates,
                              GatewayConfig config, Clock clock) {
        this.controlState = controlState;
        this.store = store;
        this.gates = gates;
        this.zone = config.gates().zone();
        this.clock = clock;
    }

    /** An evaluation's result: no reasons = every check passed = open. */
    public record Evaluation(List<String> reasons, String runId) {
    }

    public Uni<ControlWriteResult<TradingGateState>> record(String scope, Evaluation evaluation, String actor) {
        if (scope == null || !SCOPE.matcher(scope).matches()) {
            return invalid("scope", "scope must be venue:<name> or strategy:<id>");
        }
        List<String> reasons = evaluation == null || evaluation.reasons() == null ? null : evaluation.reasons();
        if (reasons == null) {
            return invalid("reasons", "reasons is required: [] when every check passed");
        }
        List<String> known = Arrays.stream(TradingGateReason.values()).map(Enum::name).toList();
        if (!known.containsAll(reasons)) {
            return invalid("reasons", "unknown reason; known: " + known);
        }
        List<String> sorted = List.copyOf(new TreeSet<>(reasons));
        Instant now = clock.instant();
        // An evaluation holds for the trading day it was made on, never longer (ADR 0053).
        TradingGateState evaluated = new TradingGateState(sorted.isEmpty(), sorted, now,
                TradingGateState.endOfDay(LocalDate.ofInstant(now, zone), zone), actor, evaluation.runId(), 0);
        return controlState.apply(ControlChanges.evaluateTradingGate(scope, evaluated));
    }

    /** The gates this gateway enforces, as Redis (what admission reads) has them. */
    public Uni<List<TradingGateView>> configured() {
        return Multi.createFrom().iterable(gates.configuredScopes())
                .onItem().transformToUniAndConcatenate(scope -> store.read(ControlKey.tradingGate(scope))
                        .map(snapshot -> TradingGateView.of(scope, snapshot.read(), clock.instant())))
                .collect().asList();
    }

    /** How {@code gate} shows now. */
    public TradingGateView view(String scope, TradingGateState gate) {
        return TradingGateView.of(scope, ControlRead.present(gate), clock.instant());
    }

    private static <T> Uni<T> invalid(String field, String message) {
        return Uni.createFrom().failure(new RejectException(RejectCode.VALIDATION_FAILED, message,
                Map.of("fields", Map.of(field, message))));
    }

    /**
     * A gate as shown: OPEN, CLOSED with its reasons (EVALUATION_EXPIRED once its trading day is over), or UNKNOWN
     * (missing or unreadable); CLOSED and UNKNOWN refuse risk-increasing orders.
     */
    @com.fasterxml.jackson.databind.annotation.JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TradingGateView(String scope, String state, List<String> reasons, String evaluatedAt, String validUntil,
                                  String evaluatedBy, String runId) {
        static TradingGateView of(String scope, ControlRead<TradingGateState> read, Instant now) {
            if (read instanceof ControlRead.Present<TradingGateState>(TradingGateState g)) {
                return new TradingGateView(scope, g.openAt(now) ? "OPEN" : "CLOSED", g.reasonsAt(now),
                        g.evaluatedAt().toString(), g.validUntil().toString(), g.evaluatedBy(), g.runId());
            }
            return new TradingGateView(scope, "UNKNOWN", List.of("GATE_STATE_UNKNOWN"), null, null, null, null);
        }
    }
}

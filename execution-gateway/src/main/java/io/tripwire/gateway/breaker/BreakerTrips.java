package io.tripwire.gateway.breaker;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.alert.Alert;
import io.tripwire.controlplane.alert.AlertPublisher;
import io.tripwire.controlplane.alert.Severity;
import io.tripwire.controlplane.control.ControlChanges;
import io.tripwire.controlplane.control.ControlStateService;
import io.tripwire.controlplane.control.ControlWriteResult;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.reject.RejectException;
import io.tripwire.controlplane.state.BreakerState;
import io.tripwire.gateway.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Trips the breaker, manually or automatically, through {@link ControlStateService} (safety-increasing:
 * effective as soon as one store has it). A trip that changed the state is then recorded: a
 * {@code circuit_breaker_events} row, a history entry, {@code cb_trip_total{reason}} and a CRITICAL
 * alert. A trip while TRIPPED changes and records nothing.
 */
@ApplicationScoped
public class BreakerTrips {

    static final String ALERT_KEY = io.tripwire.controlplane.alert.AlertKeys.BREAKER_TRIPPED;

    private final ControlStateService controlState;
    private final BreakerEventRepository events;
    private final BreakerHistory history;
    private final BreakerMetrics metrics;
    private final AlertPublisher alerts;
    private final GatewayConfig.Breaker config;
    private final RecentTrip recentTrip;
    private final BreakerRecords records;
    private final Clock clock;

    public BreakerTrips(ControlStateService controlState, BreakerEventRepository events, BreakerHistory history,
                        BreakerMetrics metrics, AlertPublisher alerts, GatewayConfig config, RecentTrip recentTrip,
                        BreakerRecords records, Clock clock) {
        this.controlState = controlState;
        this.events = events;
        this.history = history;
        this.metrics = metrics;
        this.alerts = alerts;
        this.config = config.breaker();
        this.recentTrip = recentTrip;
        this.records = records;
        this.clock = clock;
    }

    /** An operator's (or another service's) trip: reason of at least {@code gateway.breaker.min-reason-length}, acknowledged. */
    public Uni<ControlWriteResult<BreakerState>> manual(TripRequest request, String actor) {
        String reason = request == null || request.reason() == null ? "" : request.reason().trim();
        if (reason.length() < config.minReasonLength()) {
            return invalid("reason", "reason must be at least " + config.minReasonLength() + " characters");
        }
        if (!Boolean.TRUE.equals(request.acknowledged())) {
            return invalid("acknowledged", "acknowledged must be true: tripping halts all new trading");
        }
        TripReason code = request.code() == null ? TripReason.MANUAL : request.code();
        return trip(TripCommand.manual(code, reason, actor, request.thresholdValue(), request.actualValue()));
    }

    public Uni<ControlWriteResult<BreakerState>> trip(TripCommand command) {
        Instant now = clock.instant();
        return controlState.apply(ControlChanges.tripBreaker(command.reason().name(), command.details(), command.actor(), now))
                .invoke(result -> recentTrip.sawTripped(TripDetails.of(result.value())))
                .call(result -> result.changed() ? record(command, now, result) : Uni.createFrom().voidItem());
    }

    private Uni<Void> record(TripCommand command, Instant at, ControlWriteResult<BreakerState> result) {
        metrics.tripped(command.reason());
        Log.warnf("Circuit breaker TRIPPED (%s) by %s: %s; confirmed by %s", command.reason(), command.actor(),
                command.message(), result.confirmed());
        Alert alert = new Alert(Severity.CRITICAL, "execution-gateway",
                "Circuit breaker TRIPPED: " + command.reason() + " - " + command.message(), command.details(),
                ALERT_KEY, false, at);
        return records.durable(() -> events.trip(command, at), "circuit_breaker_events row")
                .chain(() -> BreakerRecords.bestEffort(history.add(BreakerHistoryEntry.tripped(command, at)), "history entry"))
                .chain(() -> alerts.publish(alert).replaceWithVoid());
    }

    private static <T> Uni<T> invalid(String field, String message) {
        return Uni.createFrom().failure(new RejectException(RejectCode.VALIDATION_FAILED, message,
                Map.of("fields", Map.of(field, message))));
    }
}

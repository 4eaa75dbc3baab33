package io.tripwire.gateway.breaker;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.alert.Alert;
import io.tripwire.controlplane.alert.AlertKeys;
import io.tripwire.controlplane.alert.AlertPublisher;
import io.tripwire.controlplane.alert.Severity;
import io.tripwire.controlplane.control.ControlChanges;
import io.tripwire.controlplane.control.ControlStateReader;
import io.tripwire.controlplane.control.ControlStateService;
import io.tripwire.controlplane.control.ControlWriteResult;
import io.tripwire.controlplane.reject.RejectCode;
import io.tripwire.controlplane.reject.RejectException;
import io.tripwire.controlplane.state.BreakerState;
import io.tripwire.controlplane.state.BreakerStatus;
import io.tripwire.controlplane.state.ControlRead;
import io.tripwire.gateway.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Resets a TRIPPED breaker into QUIET_PERIOD, with the rules in this order: reason of at least
 * {@value #MIN_REASON_LENGTH} characters, explicit acknowledgement, state TRIPPED (checked before the
 * rate-limit token is used), one reset per minute globally, then the safety-decreasing change (both
 * stores and the audit row, else 503 and nothing changes). A reset that fails gives its token back.
 * The caller's scope ({@code breaker:reset}) is checked before any of this.
 */
@ApplicationScoped
public class BreakerResets {

    static final int MIN_REASON_LENGTH = 20;

    private final ControlStateReader reader;
    private final ControlStateService controlState;
    private final ResetRateLimit rateLimit;
    private final BreakerEventRepository events;
    private final BreakerHistory history;
    private final BreakerMetrics metrics;
    private final AlertPublisher alerts;
    private final Event<BreakerWasReset> resets;
    private final GatewayConfig.Breaker config;
    private final io.tripwire.gateway.riskconfig.LiveLimits limits;
    private final Clock clock;

    private final BreakerRecords records;

    public BreakerResets(ControlStateReader reader, ControlStateService controlState, ResetRateLimit rateLimit,
                         BreakerEventRepository events, BreakerHistory history, BreakerMetrics metrics,
                         AlertPublisher alerts, Event<BreakerWasReset> resets, GatewayConfig config, Clock clock,
                         io.tripwire.gateway.riskconfig.LiveLimits limits, BreakerRecords records) {
        this.limits = limits;
        this.records = records;
        this.reader = reader;
        this.controlState = controlState;
        this.rateLimit = rateLimit;
        this.events = events;
        this.history = history;
        this.metrics = metrics;
        this.alerts = alerts;
        this.resets = resets;
        this.config = config.breaker();
        this.clock = clock;
    }

    public Uni<ControlWriteResult<BreakerState>> reset(ResetRequest request, String actor) {
        int minLength = Math.max(MIN_REASON_LENGTH, config.minReasonLength());
        String reason = request == null || request.reason() == null ? "" : request.reason().trim();
        if (reason.length() < minLength) {
            return fail(RejectCode.VALIDATION_FAILED, "reason must be at least " + minLength + " characters",
                    Map.of("fields", Map.of("reason", "at least " + minLength + " characters")));
        }
        if (!Boolean.TRUE.equals(request.acknowledged())) {
            return fail(RejectCode.VALIDATION_FAILED, "acknowledged must be true: confirm the conditions are normal",
                    Map.of("fields", Map.of("acknowledged", "must be true")));
        }
        return reader.breaker().chain(read -> {
            if (!(read instanceof ControlRead.Present<BreakerState>(BreakerState current))) {
                return fail(RejectCode.CONTROL_PLANE_UNAVAILABLE, "breaker state cannot be read; nothing changed",
                        Map.of("cause", String.valueOf(read)));
            }
            if (current.state() != BreakerStatus.TRIPPED) {
                return fail(RejectCode.STATE_CONFLICT, "breaker is " + current.state() + "; only a TRIPPED breaker can be reset",
                        Map.of("state", current.state().name()));
            }
            return rateLimit.acquire()
                    .onFailure().transform(e -> new RejectException(RejectCode.CONTROL_PLANE_UNAVAILABLE,
                            "reset rate limit cannot be checked (" + e.getMessage() + "); nothing changed"))
                    .chain(attempt -> attempt.acquired() ? apply(reason, actor, attempt.token())
                            : fail(RejectCode.RATE_LIMITED, "one breaker reset per minute; try again later",
                                    Map.of("retry_after_ms", attempt.retryAfterSeconds() * 1000)));
        });
    }

    private Uni<ControlWriteResult<BreakerState>> apply(String reason, String actor, String token) {
        Instant now = clock.instant();
        Instant quietUntil = now.plus(limits.breaker().quietPeriod()); // the risk config in force now
        return controlState.apply(ControlChanges.resetBreaker(reason, actor, now, quietUntil))
                .onFailure().call(e -> giveBack(token))
                .chain(result -> result.changed()
                        ? record(reason, actor, now, quietUntil).replaceWith(result)
                        : giveBack(token).chain(() -> fail(RejectCode.STATE_CONFLICT,
                                "breaker is no longer TRIPPED; nothing changed", Map.of())));
    }

    private Uni<Void> giveBack(String token) {
        return rateLimit.giveBack(token)
                .onFailure().invoke(e -> Log.warnf("Reset rate-limit token not given back (expires by itself): %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    private Uni<Void> record(String reason, String actor, Instant at, Instant quietUntil) {
        metrics.reset();
        resets.fire(new BreakerWasReset(actor, at));
        Log.warnf("Circuit breaker RESET by %s (QUIET_PERIOD until %s): %s", actor, quietUntil, reason);
        Map<String, Object> details = Map.of("reset_by", actor, "quiet_until", quietUntil.toString());
        return records.durable(() -> events.reset(reason, actor, quietUntil, at), "circuit_breaker_events row")
                .chain(() -> BreakerRecords.bestEffort(history.markReset(at, actor, reason), "history reset"))
                .chain(() -> Multi.createFrom().iterable(AlertKeys.BREAKER_TRIPS)
                        .onItem().transformToUniAndConcatenate(key -> alerts.publish(new Alert(Severity.CRITICAL,
                                "execution-gateway", "Circuit breaker reset by " + actor + ": " + reason, details, key, true, at)))
                        .collect().last().replaceWithVoid());
    }

    private static <T> Uni<T> fail(RejectCode code, String message, Map<String, Object> details) {
        return Uni.createFrom().failure(new RejectException(code, message, details));
    }
}

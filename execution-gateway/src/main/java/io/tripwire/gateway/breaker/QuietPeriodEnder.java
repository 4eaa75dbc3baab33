package io.tripwire.gateway.breaker;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tripwire.controlplane.control.ControlChange;
import io.tripwire.controlplane.control.ControlKey;
import io.tripwire.controlplane.control.ControlStateReader;
import io.tripwire.controlplane.control.ControlStateService;
import io.tripwire.controlplane.control.Safety;
import io.tripwire.controlplane.state.BreakerState;
import io.tripwire.controlplane.state.BreakerStatus;
import io.tripwire.controlplane.state.ControlRead;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Ends the quiet period: every second, a QUIET_PERIOD whose {@code quiet_until} has passed becomes OPEN,
 * as a safety-decreasing, audited change. If that fails the breaker simply stays reduce-only and the
 * next run tries again.
 */
@ApplicationScoped
public class QuietPeriodEnder {

    static final String ACTOR = "system:execution-gateway";

    private final ControlStateReader reader;
    private final ControlStateService controlState;
    private final Clock clock;

    public QuietPeriodEnder(ControlStateReader reader, ControlStateService controlState, Clock clock) {
        this.reader = reader;
        this.controlState = controlState;
        this.clock = clock;
    }

    @Scheduled(every = "1s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "breaker-quiet-period-end")
    Uni<Void> run() {
        Instant now = clock.instant();
        return reader.breaker().chain(read -> {
            if (!(read instanceof ControlRead.Present<BreakerState>(BreakerState s)) || !isOver(s, now)) {
                return Uni.createFrom().voidItem();
            }
            return controlState.apply(endQuietPeriod(now))
                    .invoke(result -> {
                        if (result.changed()) {
                            Log.infof("Circuit breaker quiet period over: OPEN (version %d)", result.value().version());
                        }
                    })
                    .replaceWithVoid()
                    .onFailure().invoke(e -> Log.warnf("Quiet period not ended yet (stays reduce-only): %s", e.getMessage()))
                    .onFailure().recoverWithNull();
        });
    }

    /** QUIET_PERIOD with {@code quiet_until} passed → OPEN; anything else (e.g. TRIPPED again) is left alone. */
    static ControlChange<BreakerState> endQuietPeriod(Instant now) {
        return new ControlChange<>(ControlKey.breaker(), Safety.DECREASING, "CIRCUIT_BREAKER_QUIET_PERIOD_ENDED", ACTOR,
                "quiet period ended", Map.of(), current -> current != null && isOver(current, now)
                ? new BreakerState(BreakerStatus.OPEN, null, null, null, current.resetAt(), current.resetBy(), null,
                        current.tripCountToday(), current.version())
                : current);
    }

    static boolean isOver(BreakerState s, Instant now) {
        return s.state() == BreakerStatus.QUIET_PERIOD && s.quietUntil() != null && !now.isBefore(s.quietUntil());
    }
}

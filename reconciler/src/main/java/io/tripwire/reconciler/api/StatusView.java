package io.tripwire.reconciler.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.tripwire.reconciler.run.RunRecord;
import java.time.Instant;

/**
 * {@code GET /api/v1/reconciliation/status}: the gate as Redis holds it ({@code state} MISSING or
 * UNPARSABLE when it cannot be read), who is active, and the last run and last success.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StatusView(String state, String runId, Instant startedAt, Instant finishedAt, String activeInstance,
                         String thisInstance, boolean thisInstanceActive, String runningRunId, RunSummary lastRun,
                         Instant lastSuccessAt) {

    /** A run without its report. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RunSummary(String runId, String trigger, String instance, String state, Instant startedAt,
                             Instant finishedAt, Long durationMs, java.util.Map<String, Object> counts, String failureReason) {

        public static RunSummary of(RunRecord r) {
            return r == null ? null : new RunSummary(r.runId(), r.trigger(), r.instance(), r.state(), r.startedAt(),
                    r.finishedAt(), r.durationMs(), r.counts(), r.failureReason());
        }
    }
}

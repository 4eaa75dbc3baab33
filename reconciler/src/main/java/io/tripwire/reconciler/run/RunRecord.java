package io.tripwire.reconciler.run;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One row of {@code reconciliation_runs}: what a run (or a forced completion) did and found. */
@com.fasterxml.jackson.databind.annotation.JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RunRecord(String runId, String trigger, String instance, long fencingToken, String state,
                        Instant startedAt, Instant finishedAt, Long durationMs, Instant highWaterMark,
                        Map<String, Object> counts, List<Object> report, String failureReason, String forcedBy,
                        String forcedReason) {
}

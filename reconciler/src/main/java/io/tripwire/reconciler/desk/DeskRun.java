package io.tripwire.reconciler.desk;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** One desk run as stored in {@code desk_runs} and answered by the desk API. */
public record DeskRun(String runId, String kind, LocalDate asofDate, String actor, boolean gateOpen, List<String> reasons,
                      String outcome, String ticketId, String summaryPath, Instant startedAt, Instant finishedAt) {
}

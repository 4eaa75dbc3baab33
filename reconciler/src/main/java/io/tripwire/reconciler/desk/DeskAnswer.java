package io.tripwire.reconciler.desk;

/**
 * What a desk command answers: the run (with the gate after it) and the run's report (data quality, reconciliation,
 * ticket or confirmation). {@code outcome} is also the line the make targets print (e.g. RECONCILIATION_PASS).
 */
public record DeskAnswer(String outcome, DeskRun run, Object report) {
}

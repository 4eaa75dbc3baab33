package io.tripwire.reconciler.run;

/** A run was asked for while this instance is already running one. */
public class RunInProgressException extends RuntimeException {

    private final String runId;

    public RunInProgressException(String runId) {
        super("reconciliation " + runId + " is in progress");
        this.runId = runId;
    }

    public String runId() {
        return runId;
    }
}

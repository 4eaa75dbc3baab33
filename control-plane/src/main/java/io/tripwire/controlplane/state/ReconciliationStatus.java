package io.tripwire.controlplane.state;

/** Reconciler progress; only READY lets risk-increasing orders through. */
public enum ReconciliationStatus {
    PENDING, RUNNING, READY, FAILED
}

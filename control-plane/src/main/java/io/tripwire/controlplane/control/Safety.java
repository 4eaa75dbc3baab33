package io.tripwire.controlplane.control;

/** Which way a control change moves: the write rules differ (DESIGN.md §2). */
public enum Safety {
    /** Trip, kill, quarantine: takes effect even when one store is down. */
    INCREASING,
    /** Reset, deactivate, clear: needs both stores and the audit row, else nothing changes. */
    DECREASING
}

package io.tripwire.controlplane.alert;

/** Alert severity; the alert router escalates by it (warning → Slack, critical → PagerDuty + SMS). */
public enum Severity { INFO, WARNING, CRITICAL }

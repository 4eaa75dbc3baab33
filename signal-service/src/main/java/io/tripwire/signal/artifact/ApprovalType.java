package io.tripwire.signal.artifact;

/** Who signs an approval step: engineering (TECHNICAL), risk management (RISK) or the desk owner (BUSINESS). */
public enum ApprovalType { TECHNICAL, RISK, BUSINESS }

package io.tripwire.controlplane.state;

/** What an active kill switch does beyond blocking new risk. */
public enum KillSwitchMode {
    /** Block every risk-increasing order and cancel all working orders. */
    HALT_ONLY,
    /** HALT_ONLY, then flatten every position with reduce-only orders until the venue reports flat. */
    CLOSE_POSITIONS
}

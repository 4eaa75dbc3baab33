package io.tripwire.controlplane.state;

/** Why a daily trading gate is closed: stable codes, listed in a TRADING_GATE_CLOSED refusal. */
public enum TradingGateReason {
    /** The run's market data failed its quality report (coverage, missing / duplicate / stale bars, OHLC sanity). */
    DATA_QUALITY_FAIL,
    /** No reconciliation of a broker snapshot for the day yet. */
    RECONCILIATION_REQUIRED,
    /** The broker snapshot's cash or units differ beyond tolerance. */
    RECONCILIATION_FAIL,
    /** The previous ticket was not confirmed. */
    CONFIRMATION_MISSING,
    /** Held closed by an operator. */
    MANUAL_HOLD
}

package io.tripwire.gateway.breaker;

/** {@code POST /api/v1/circuit-breaker/reset} and {@code POST /api/risk/reset}. */
public record ResetRequest(String reason, Boolean acknowledged) {
}

package io.tripwire.controlplane.reject;

/**
 * Every reason Tripwire refuses a request: stable names (clients and dashboards key on them) and
 * the HTTP status each maps to (DESIGN.md §4).
 */
public enum RejectCode {
    VALIDATION_FAILED(400),
    UNAUTHENTICATED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    IDEMPOTENCY_CONFLICT(409),
    STATE_CONFLICT(409),
    LOW_CONFIDENCE(412),
    POSITION_LIMIT(422),
    SYMBOL_CAP(422),
    FAT_FINGER(422),
    PRICE_COLLAR(422),
    REDUCE_ONLY_REQUIRED(422),
    MARKET_PRICE_UNAVAILABLE(422),
    /** The order's strategy artifact is unknown, not APPROVED/ACTIVE, tampered or of another strategy (ADR 0043). */
    ARTIFACT_NOT_APPROVED(422),
    CIRCUIT_BREAKER_TRIPPED(423),
    KILL_SWITCH_ACTIVE(423),
    SYMBOL_QUARANTINED(423),
    RISK_LOCKED(423),
    TRADING_GATE_CLOSED(423),
    RATE_LIMITED(429),
    CONTROL_PLANE_UNAVAILABLE(503),
    /** No approved, hash-verified model is loaded (seed 001's 503 model_service_unavailable). */
    MODEL_SERVICE_UNAVAILABLE(503),
    /** Order outcome: the venue refused it. */
    VENUE_REJECTED(422),
    /** Order outcome: the venue could not be reached; nothing was sent. */
    VENUE_UNAVAILABLE(503),
    INTERNAL_ERROR(500);

    private final int httpStatus;

    RejectCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}

package io.tripwire.papervenue.position;

/** One element of DELETE /v2/positions' 207 body: symbol, HTTP status of its close, and the order or error. */
public record ClosePositionResult(String symbol, int status, Object body) {
}

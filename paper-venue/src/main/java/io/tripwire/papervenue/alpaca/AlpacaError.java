package io.tripwire.papervenue.alpaca;

/** Alpaca's error body: {@code {"code": 40010001, "message": "..."}}; clients key on the numeric code. */
public record AlpacaError(int code, String message) {
}

package io.tripwire.papervenue.alpaca;

/**
 * A refusal on the Alpaca API, carried to {@link AlpacaExceptionMapper}. Status and code follow
 * Alpaca: the code is the HTTP status followed by a five-digit suffix.
 */
public class AlpacaException extends RuntimeException {

    private final int status;
    private final int code;

    public AlpacaException(int status, int code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    /** Malformed request (e.g. body is not JSON). */
    public static AlpacaException badRequest(String message) {
        return new AlpacaException(400, 40010000, message);
    }

    /** Well-formed but invalid request (Alpaca answers 422 with code 40010001). */
    public static AlpacaException invalid(String message) {
        return new AlpacaException(422, 40010001, message);
    }

    public static AlpacaException unauthorized(String message) {
        return new AlpacaException(401, 40110000, message);
    }

    public static AlpacaException forbidden(String message) {
        return new AlpacaException(403, 40310000, message);
    }

    public static AlpacaException notFound(String message) {
        return new AlpacaException(404, 40410000, message);
    }

    /** The request is valid but the object's state does not allow it (e.g. order not cancelable). */
    public static AlpacaException unprocessable(String message) {
        return new AlpacaException(422, 42210000, message);
    }

    public static AlpacaException internal(String message) {
        return new AlpacaException(500, 50010000, message);
    }

    public static AlpacaException unavailable(String message) {
        return new AlpacaException(503, 50310000, message);
    }

    public int status() {
        return status;
    }

    public AlpacaError body() {
        return new AlpacaError(code, getMessage());
    }
}

package io.tripwire.console.session;

/** The request is refused with 403: a missing or wrong CSRF token, or a role below what the action needs. */
public class ConsoleForbiddenException extends RuntimeException {

    public ConsoleForbiddenException(String message) {
        super(message, null, false, false);
    }
}

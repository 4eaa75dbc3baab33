package io.tripwire.console.session;

/** No live session: the browser is sent to the login page. */
public class NotLoggedInException extends RuntimeException {

    public NotLoggedInException() {
        super("login required", null, false, false);
    }
}

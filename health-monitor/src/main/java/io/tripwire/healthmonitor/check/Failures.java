package io.tripwire.healthmonitor.check;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** Short, operator-readable text for why a target did not answer (no stack traces in the summary). */
final class Failures {

    private Failures() {
    }

    static String describe(Throwable e, Duration timeout) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            if (cause instanceof ConnectException || cause instanceof TimeoutException) {
                break;
            }
            cause = cause.getCause();
        }
        if (cause instanceof ConnectException || String.valueOf(cause.getMessage()).contains("Connection refused")) {
            return "connection refused";
        }
        if (cause instanceof TimeoutException || cause.getClass().getSimpleName().contains("Timeout")) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}

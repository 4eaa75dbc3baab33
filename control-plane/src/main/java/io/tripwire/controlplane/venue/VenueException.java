package io.tripwire.controlplane.venue;

/** A venue call that failed, with what that means for the order. */
public class VenueException extends RuntimeException {

    /** What is known after the failure. */
    public enum Kind {
        /** The venue refused the request (4xx). */
        REJECTED,
        /** No answer in time, or a 5xx: the order may or may not exist at the venue (UNKNOWN, for the reconciler). */
        OUTCOME_UNKNOWN,
        /** The request never reached the venue (connection refused): nothing was accepted. */
        NOT_SENT
    }

    private final Kind kind;
    private final int status;

    public VenueException(Kind kind, int status, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
    }

    public Kind kind() {
        return kind;
    }

    public int status() {
        return status;
    }
}

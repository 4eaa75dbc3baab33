package io.tripwire.reconciler.venue;

/** The venue could not give a complete, readable answer: the run fails rather than guess. */
public class VenueUnavailableException extends RuntimeException {

    public VenueUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

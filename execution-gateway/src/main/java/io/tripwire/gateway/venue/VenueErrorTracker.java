package io.tripwire.gateway.venue;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts consecutive venue failures for the BROKER_ERRORS automatic trip; any success resets it. */
@ApplicationScoped
public class VenueErrorTracker {

    private final AtomicInteger consecutive = new AtomicInteger();

    public void success() {
        consecutive.set(0);
    }

    /** Returns the consecutive failure count including this one. */
    public int failure() {
        return consecutive.incrementAndGet();
    }

    public int consecutiveFailures() {
        return consecutive.get();
    }
}

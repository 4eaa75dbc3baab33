package io.tripwire.alert.channel;

import java.time.Duration;

/** What a provider made of one attempt. */
public sealed interface SendResult {

    /** The provider accepted the message; {@code providerRef} is its id when it gave one. */
    record Accepted(String providerRef) implements SendResult {
    }

    /**
     * The attempt failed. {@code retryable}: a later attempt may succeed (429, 5xx, network, timeout);
     * otherwise it never will (bad recipient, auth, payload). {@code retryAfter} is the provider's own wait, or null.
     */
    record Failed(boolean retryable, Duration retryAfter, String message) implements SendResult {
    }

    static SendResult accepted(String ref) {
        return new Accepted(ref);
    }

    static SendResult retryable(String message, Duration retryAfter) {
        return new Failed(true, retryAfter, message);
    }

    static SendResult permanent(String message) {
        return new Failed(false, null, message);
    }
}

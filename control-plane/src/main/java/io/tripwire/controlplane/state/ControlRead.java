package io.tripwire.controlplane.state;

import java.util.Objects;

/**
 * The result of reading a control key. There is no default: a key that is missing, unparsable or
 * unreadable is {@link Unavailable}, and callers must treat it as "trading not allowed".
 */
public sealed interface ControlRead<T> {

    /** Why a control key could not be used. */
    enum Cause { MISSING, UNPARSABLE, UNREADABLE }

    record Present<T>(T value) implements ControlRead<T> {
        public Present {
            Objects.requireNonNull(value, "value");
        }
    }

    record Unavailable<T>(Cause cause, String detail) implements ControlRead<T> {
        public Unavailable {
            Objects.requireNonNull(cause, "cause");
        }
    }

    static <T> ControlRead<T> present(T value) {
        return new Present<>(value);
    }

    static <T> ControlRead<T> unavailable(Cause cause, String detail) {
        return new Unavailable<>(cause, detail);
    }

    default boolean isPresent() {
        return this instanceof Present<T>;
    }

    /** The value, or an exception for an unavailable read: only for callers that already checked. */
    default T orElseThrow() {
        if (this instanceof Present<T>(T value)) {
            return value;
        }
        throw new IllegalStateException("control state unavailable: " + this);
    }
}

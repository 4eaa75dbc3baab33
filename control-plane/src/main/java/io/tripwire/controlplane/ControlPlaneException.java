package io.tripwire.controlplane;

/** The one infrastructure exception of the control plane: a store could not be read or written. */
public class ControlPlaneException extends RuntimeException {
    public ControlPlaneException(String message) {
        super(message);
    }

    public ControlPlaneException(String message, Throwable cause) {
        super(message, cause);
    }
}

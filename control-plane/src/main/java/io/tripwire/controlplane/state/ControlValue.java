package io.tripwire.controlplane.state;

/** A piece of control state that can be compared for "most restrictive wins". */
public interface ControlValue {

    /** Higher means fewer orders are allowed. */
    int restrictiveness();

    long version();

    ControlValue withVersion(long newVersion);
}

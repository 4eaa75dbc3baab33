package io.tripwire.controlplane.control;

/** The two stores of control state. */
public enum Store { REDIS, POSTGRES }

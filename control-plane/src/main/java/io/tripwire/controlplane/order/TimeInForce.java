package io.tripwire.controlplane.order;

/** Supported times in force. */
public enum TimeInForce { DAY, GTC, IOC }

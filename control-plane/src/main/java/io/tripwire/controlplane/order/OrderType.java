package io.tripwire.controlplane.order;

/** Supported order types. */
public enum OrderType { MARKET, LIMIT }

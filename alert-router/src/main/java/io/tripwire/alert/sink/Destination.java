package io.tripwire.alert.sink;

/** Where one delivery goes: its channel's provider, or the local sink (file + inbox). */
public enum Destination {
    LIVE, SINK
}

package io.tripwire.alert.config;

/**
 * How a channel chooses between its provider and the local sink ({@code alert.<channel>.mode}).
 * {@link #AUTO}: the provider when the delivery's credential is real, the sink when it is missing or still a
 * placeholder; {@link #LIVE}: always the provider; {@link #SINK}: always the sink.
 */
public enum ChannelMode {
    AUTO, LIVE, SINK
}

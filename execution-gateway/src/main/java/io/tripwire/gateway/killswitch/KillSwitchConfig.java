package io.tripwire.gateway.killswitch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.time.Duration;

/** Settings of the kill switch's flattening ({@code gateway.kill-switch.*}). */
@ConfigMapping(prefix = "gateway.kill-switch")
public interface KillSwitchConfig {

    /**
     * How far through the market a flatten order's limit price goes, in basis points of the reference
     * price (sell below, buy above), so it fills without ever being a naked market order. Default 100.
     */
    @WithDefault("100")
    BigDecimal protectionBandBps();

    /** Interval of the kill-switch worker: cancel-all after activation, then one flatten round per run. Default 1 s. */
    @WithDefault("1s")
    Duration recheckInterval();

    /**
     * A flatten order whose submit outcome is UNKNOWN and that the venue still does not know after this
     * long is ended as never sent, so the next round can replace it. Default 15 s (3 × the submit timeout).
     */
    @WithDefault("15s")
    Duration unknownOrderGrace();
}

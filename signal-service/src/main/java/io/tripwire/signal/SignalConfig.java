package io.tripwire.signal;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;

/** Settings of the signal service. */
@ConfigMapping(prefix = "signal")
public interface SignalConfig {

    /** Execution gateway that signals become orders at. Default the local gateway. */
    @WithDefault("http://127.0.0.1:8080")
    URI gatewayUrl();

    /** Market data older than this trips the breaker (DATA_STALE). Default 30 s. */
    @WithDefault("30s")
    Duration dataStaleAfter();

    /** Minimum consensus confidence for a signal to be acted on. Default 0.6. */
    @WithDefault("0.6")
    BigDecimal confidenceThreshold();
}

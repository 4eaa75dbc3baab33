package io.tripwire.signal;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;

/** Settings of the signal service ({@code signal.*}); every default is stated on its method. */
@ConfigMapping(prefix = "signal")
public interface SignalConfig {

    /** Execution gateway that signals become orders at. Default the local gateway. */
    @WithDefault("http://127.0.0.1:8080")
    URI gatewayUrl();

    /** Market data older than this trips the breaker (DATA_STALE). Default 30 s. */
    @WithDefault("30s")
    Duration dataStaleAfter();

    /** Minimum consensus confidence for a signal to be allowed ({@code allow}); equal to it is allowed. Default 0.6. */
    @WithDefault("0.6")
    BigDecimal confidenceThreshold();

    Consensus consensus();

    Artifacts artifacts();

    Features features();

    interface Consensus {
        /** The signal is long when prob_long is above this, short when prob_short is, flat otherwise. Default 0.55. */
        @WithDefault("0.55")
        BigDecimal directionProbability();
    }

    interface Artifacts {
        /**
         * Interval of the safety-net reload of APPROVED/ACTIVE artifacts from PostgreSQL (catches state changes
         * made with plain SQL and missed pub/sub messages); changes made through the API reload at once. Default 5 s.
         */
        @WithDefault("5s")
        Duration refreshInterval();
    }

    interface Features {
        /** Bars read per XREADGROUP on md:bars. Default 200. */
        @WithDefault("200")
        int streamBatch();

        /** How long one XREADGROUP waits for new bars. Default 2 s. */
        @WithDefault("2s")
        Duration streamBlock();

        /** Newest md:bars entries read at start to rebuild the rolling windows. Default 20000. */
        @WithDefault("20000")
        int rebuildMaxEntries();

        /** A bar delivered to a consumer that died is claimed after this long un-ACKed. Default 30 s. */
        @WithDefault("30s")
        Duration claimIdle();
    }
}

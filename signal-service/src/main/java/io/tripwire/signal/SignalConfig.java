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

    /**
     * A traded symbol (one a loaded model lists) whose last bar is older than this trips the breaker with
     * DATA_STALE through the gateway and raises an alert. Default 30 s.
     */
    @WithDefault("30s")
    Duration staleAfter();

    /** How often the bar ages are checked against {@link #staleAfter()}. Default 1 s. */
    @WithDefault("1s")
    Duration staleCheckInterval();

    /**
     * File holding this service's own API key for the gateway (scopes orders:write, orders:read, breaker:trip),
     * read on every call so a key bootstrapped or rotated after start is used at once. Default none.
     */
    java.util.Optional<java.nio.file.Path> apiKeyFile();

    /** The API key itself ({@code SIGNAL_API_KEY}); used when {@link #apiKeyFile()} is unset. Default none. */
    java.util.Optional<String> apiKey();

    Orders orders();

    interface Orders {
        /** Whether allowed signals become gateway orders. Default true. */
        @WithDefault("true")
        boolean enabled();

        /** Timeout of one gateway call. Default 5 s. */
        @WithDefault("5s")
        Duration gatewayTimeout();

        /** A bar older than this when decided on makes no order (e.g. a backlog after an outage). Default 2 min. */
        @WithDefault("2m")
        Duration maxBarAge();

        /** Interval of booking realized P&L of filled strategy exits into orders.pnl (agent_performance). Default 5 s. */
        @WithDefault("5s")
        Duration pnlInterval();
    }

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

package io.tripwire.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;

/** Settings of the web console. */
@ConfigMapping(prefix = "console")
public interface ConsoleConfig {

    /** Page auto-refresh interval ({@code AUTO_REFRESH_INTERVAL}). Default 10 s. */
    @WithDefault("10s")
    Duration autoRefreshInterval();

    /** Execution gateway the console drives. Default the local gateway. */
    @WithDefault("http://127.0.0.1:8080")
    URI gatewayUrl();

    /** Health monitor whose summary the System Health page shows. Default the local monitor. */
    @WithDefault("http://127.0.0.1:8084")
    URI healthMonitorUrl();

    /** Alert router whose rules, deliveries and poison queue the Alerts page shows. Default the local router. */
    @WithDefault("http://127.0.0.1:8083")
    URI alertRouterUrl();
}

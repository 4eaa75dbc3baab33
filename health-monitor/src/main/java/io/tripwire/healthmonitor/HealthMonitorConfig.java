package io.tripwire.healthmonitor;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** Settings of the health monitor. */
@ConfigMapping(prefix = "health-monitor")
public interface HealthMonitorConfig {

    /** Time between polls of every component. Default 10 s. */
    @WithDefault("10s")
    Duration pollInterval();

    /** A component whose last good poll is older than this is shown stale. Default 30 s. */
    @WithDefault("30s")
    Duration staleAfter();

    /**
     * Components to poll, name → base URL (their /q/health/ready is read); set as
     * {@code health-monitor.components.<name>=<url>}. The local defaults are in application.properties.
     */
    Map<String, URI> components();
}

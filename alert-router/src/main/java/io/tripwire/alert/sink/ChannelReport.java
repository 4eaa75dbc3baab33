package io.tripwire.alert.sink;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** At start-up, one line per channel: live (provider host) or sink (file), so nobody has to guess. */
@ApplicationScoped
public class ChannelReport {

    private final ChannelDestinations destinations;

    public ChannelReport(ChannelDestinations destinations) {
        this.destinations = destinations;
    }

    void report(@Observes StartupEvent event) {
        for (ChannelStatus status : destinations.statuses()) {
            if ("live".equals(status.destination())) {
                Log.infof("Alert channel %s", status.line());
            } else {
                Log.warnf("Alert channel %s; read it at GET /inbox or /api/v1/inbox", status.line());
            }
        }
    }
}

package io.tripwire.alert.sink;

import io.tripwire.controlplane.auth.ApiKeyScope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.stream.Collectors;

/** Where each channel delivers (live provider or sink): JSON, or one line for scripts with {@code Accept: text/plain}. */
@Path("/api/v1/channels")
@RolesAllowed(ApiKeyScope.Names.ALERTS_ADMIN)
public class ChannelResource {

    private final ChannelDestinations destinations;

    public ChannelResource(ChannelDestinations destinations) {
        this.destinations = destinations;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<ChannelStatus> list() {
        return destinations.statuses();
    }

    /** {@code email→sink, slack→live, sms→sink, pagerduty→sink}. */
    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String summary() {
        return destinations.statuses().stream().map(s -> s.channel() + "→" + s.destination()).collect(Collectors.joining(", "));
    }
}

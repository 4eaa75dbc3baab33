package io.tripwire.alert.sink;

import io.tripwire.alert.config.AlertRouterConfig;
import io.tripwire.alert.delivery.Delivery;
import io.tripwire.alert.routing.Channel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;

/** The configured {@link DestinationRules} as a bean: where each delivery goes and what each channel does. */
@ApplicationScoped
public class ChannelDestinations {

    private final DestinationRules rules;

    @Inject
    public ChannelDestinations(AlertRouterConfig config) {
        this(DestinationRules.from(config));
    }

    ChannelDestinations(DestinationRules rules) {
        this.rules = rules;
    }

    public Destination of(Delivery d) {
        return rules.destination(d.channel(), d.recipient());
    }

    public String sinkReason(Delivery d) {
        return rules.sinkReason(d.channel(), d.recipient());
    }

    public String provider(Channel channel) {
        return rules.providers().get(channel);
    }

    public List<ChannelStatus> statuses() {
        return Arrays.stream(Channel.values()).map(rules::status).toList();
    }
}

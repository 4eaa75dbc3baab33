package io.tripwire.alert.channel;

import io.smallrye.mutiny.Uni;
import io.tripwire.alert.delivery.Delivery;
import io.tripwire.alert.routing.Channel;
import io.tripwire.alert.sink.ChannelDestinations;
import io.tripwire.alert.sink.Destination;
import io.tripwire.alert.sink.SinkSender;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.EnumMap;
import java.util.Map;

/** The sender of each channel, and the choice per delivery between that provider and the local sink. */
@ApplicationScoped
public class Senders {

    private final Map<Channel, ChannelSender> byChannel = new EnumMap<>(Channel.class);
    private final ChannelDestinations destinations;
    private final SinkSender sink;

    public Senders(Instance<ChannelSender> senders, ChannelDestinations destinations, SinkSender sink) {
        senders.forEach(s -> byChannel.put(s.channel(), s));
        for (Channel channel : Channel.values()) {
            if (!byChannel.containsKey(channel)) {
                throw new IllegalStateException("no sender for channel " + channel);
            }
        }
        this.destinations = destinations;
        this.sink = sink;
    }

    public ChannelSender of(Channel channel) {
        return byChannel.get(channel);
    }

    /** Sends through the channel's provider, or to the sink when the channel (or this recipient) has no real credentials. */
    public Uni<SendResult> send(Delivery d) {
        return destinations.of(d) == Destination.SINK ? sink.send(d) : of(d.channel()).send(d);
    }
}

package io.tripwire.alert.channel;

import io.tripwire.alert.routing.Channel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.EnumMap;
import java.util.Map;

/** The sender of each channel. */
@ApplicationScoped
public class Senders {

    private final Map<Channel, ChannelSender> byChannel = new EnumMap<>(Channel.class);

    public Senders(Instance<ChannelSender> senders) {
        senders.forEach(s -> byChannel.put(s.channel(), s));
        for (Channel channel : Channel.values()) {
            if (!byChannel.containsKey(channel)) {
                throw new IllegalStateException("no sender for channel " + channel);
            }
        }
    }

    public ChannelSender of(Channel channel) {
        return byChannel.get(channel);
    }
}

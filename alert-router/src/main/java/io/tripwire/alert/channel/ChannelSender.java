package io.tripwire.alert.channel;

import io.smallrye.mutiny.Uni;
import io.tripwire.alert.delivery.Delivery;
import io.tripwire.alert.routing.Channel;

/** Sends one delivery through one provider; never fails the Uni for a provider error (that is a {@link SendResult}). */
public interface ChannelSender {

    Channel channel();

    Uni<SendResult> send(Delivery delivery);
}

package io.tripwire.alert.sink;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tripwire.alert.channel.AlertText;
import io.tripwire.alert.channel.SendResult;
import io.tripwire.alert.delivery.Delivery;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Clock;

/**
 * Delivers to the local sink instead of a provider: appends the message to the sink file (the inbox shows it) and
 * answers like a provider that accepted it (provider_ref {@code sink:<delivery>-<attempt>}), so the worker records
 * it delivered with latency and attempt metrics. A write that fails is a retryable failure: retried, then poison —
 * never dropped. Each sink delivery is logged, so the service log also says who would have been told.
 */
@ApplicationScoped
public class SinkSender {

    private final SinkFile file;
    private final ChannelDestinations destinations;
    private final Clock clock;

    public SinkSender(SinkFile file, ChannelDestinations destinations, Clock clock) {
        this.file = file;
        this.destinations = destinations;
        this.clock = clock;
    }

    public Uni<SendResult> send(Delivery d) {
        return Uni.createFrom().item(() -> write(d)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private SendResult write(Delivery d) {
        String id = d.id() + "-" + d.attempt();
        String reason = destinations.sinkReason(d);
        SinkMessage message = new SinkMessage(id, clock.instant(), d.id(), d.alertId(), d.channel().wire(), d.recipient(),
                d.resolve() ? "resolve" : "trigger", d.severity().name(), d.source(), d.dedupKey(), AlertText.subject(d),
                AlertText.body(d), d.alertCreatedAt(), d.attempt(), destinations.provider(d.channel()), reason);
        try {
            file.append(message);
        } catch (IOException | RuntimeException e) {
            Log.errorf("Delivery %d (%s) NOT written to the sink %s: %s; retried", d.id(), d.channel().wire(), file.path(), e);
            return SendResult.retryable("sink file " + file.path() + " not written: " + e, null);
        }
        Log.infof("Delivery %d (%s → %s) delivered to the sink %s (%s): %s", d.id(), d.channel().wire(), d.recipientMasked(),
                file.path(), reason, message.subject());
        return SendResult.accepted("sink:" + id);
    }
}

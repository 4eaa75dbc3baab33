package io.tripwire.alert.channel;

import com.fasterxml.jackson.core.type.TypeReference;
import io.smallrye.mutiny.Uni;
import io.tripwire.alert.config.AlertRouterConfig;
import io.tripwire.alert.delivery.Delivery;
import io.tripwire.alert.routing.Channel;
import io.tripwire.controlplane.state.StateCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * PagerDuty Events API v2 through the Quarkus REST client (non-blocking). A trigger and its resolve carry the
 * alert's dedup key, so PagerDuty opens one incident per key and the resolve closes it.
 */
@ApplicationScoped
public class PagerDutySender implements ChannelSender {

    private static final int MAX_SUMMARY = 1024;

    private final PagerDutyApi api;
    private final Map<String, String> routingKeys;
    private final Clock clock;

    public PagerDutySender(@RestClient PagerDutyApi api, AlertRouterConfig config, Clock clock) {
        this.api = api;
        this.routingKeys = Map.copyOf(config.pagerduty().routingKeys());
        this.clock = clock;
    }

    @Override
    public Channel channel() {
        return Channel.PAGERDUTY;
    }

    @Override
    public Uni<SendResult> send(Delivery d) {
        String routingKey = routingKeys.get(d.recipient());
        if (routingKey == null) {
            return Uni.createFrom().item(SendResult.permanent("no routing key for PagerDuty service '" + d.recipient()
                    + "' (alert.pagerduty.routing-keys." + d.recipient() + ")"));
        }
        return api.enqueue(event(d, routingKey))
                .map(response -> response.getStatus() / 100 == 2 ? SendResult.accepted(dedupKeyOf(response)) : failed(response))
                .onFailure(WebApplicationException.class).recoverWithItem(e -> failed(((WebApplicationException) e).getResponse()))
                .onFailure().recoverWithItem(e -> PagerDutyErrorClassifier.network(e.toString()));
    }

    static PagerDutyEvent event(Delivery d, String routingKey) {
        if (d.resolve()) {
            return new PagerDutyEvent(routingKey, "resolve", d.dedupKey(), null);
        }
        String summary = AlertText.subject(d);
        if (summary.length() > MAX_SUMMARY) {
            summary = summary.substring(0, MAX_SUMMARY - 1) + "…";
        }
        return new PagerDutyEvent(routingKey, "trigger", d.dedupKey(), new PagerDutyEvent.Payload(summary, d.source(),
                d.severity().name().toLowerCase(Locale.ROOT), d.alertCreatedAt().toString(), details(d)));
    }

    private SendResult failed(Response response) {
        String body = response.hasEntity() ? response.readEntity(String.class) : "";
        return PagerDutyErrorClassifier.classify(response.getStatus(), body,
                RetryAfter.header(response.getHeaderString("Retry-After"), clock));
    }

    private static String dedupKeyOf(Response response) {
        return response.getHeaderString("X-Request-Id");
    }

    private static Map<String, Object> details(Delivery d) {
        try {
            return StateCodec.mapper().readValue(d.detailsJson(), new TypeReference<Map<String, Object>>() { });
        } catch (Exception e) {
            return Map.of("raw", String.valueOf(d.detailsJson()));
        }
    }
}

package io.tripwire.alert.sink;

import io.tripwire.alert.config.AlertRouterConfig;
import io.tripwire.alert.config.ChannelMode;
import io.tripwire.alert.routing.Channel;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The live-or-sink decision, from configuration only (pure, so it is tested without Quarkus). Mode {@code live}
 * and {@code sink} decide alone; {@code auto} sends to the provider only when the credential this delivery needs is
 * real: email the SendGrid API key; SMS the Twilio account SID and auth token; Slack the bot token, or for
 * {@code webhook:NAME} that webhook's URL; PagerDuty the service's routing key. Missing or placeholder → sink.
 */
public record DestinationRules(Map<Channel, ChannelMode> modes, Map<Channel, String> providers, String sendgridApiKey,
                               String slackBotToken, Map<String, String> slackWebhooks, String twilioAccountSid,
                               String twilioAuthToken, Map<String, String> pagerdutyRoutingKeys, Path sinkFile) {

    private static final String WEBHOOK = "webhook:";

    public DestinationRules {
        modes = Map.copyOf(modes);
        providers = Map.copyOf(providers);
        slackWebhooks = Map.copyOf(slackWebhooks);
        pagerdutyRoutingKeys = Map.copyOf(pagerdutyRoutingKeys);
        sinkFile = sinkFile.toAbsolutePath().normalize();
    }

    public static DestinationRules from(AlertRouterConfig config) {
        Map<Channel, ChannelMode> modes = new EnumMap<>(Channel.class);
        modes.put(Channel.EMAIL, config.email().mode());
        modes.put(Channel.SLACK, config.slack().mode());
        modes.put(Channel.SMS, config.sms().mode());
        modes.put(Channel.PAGERDUTY, config.pagerduty().mode());
        Map<Channel, String> providers = new EnumMap<>(Channel.class);
        providers.put(Channel.EMAIL, config.sendgrid().host());
        providers.put(Channel.SLACK, host(config.slack().methodsUrl()));
        providers.put(Channel.SMS, host(config.twilio().baseUrl()));
        providers.put(Channel.PAGERDUTY, host(config.pagerduty().baseUrl()));
        return new DestinationRules(modes, providers, config.sendgrid().apiKey(), config.slack().botToken(),
                config.slack().webhooks(), config.twilio().accountSid(), config.twilio().authToken(),
                config.pagerduty().routingKeys(), Path.of(config.sink().file()));
    }

    public Destination destination(Channel channel, String recipient) {
        return switch (modes.get(channel)) {
            case LIVE -> Destination.LIVE;
            case SINK -> Destination.SINK;
            case AUTO -> credentialReal(channel, recipient) ? Destination.LIVE : Destination.SINK;
        };
    }

    /** Why {@link #destination} chose the sink for this recipient (for the log and the sink line). */
    public String sinkReason(Channel channel, String recipient) {
        if (modes.get(channel) == ChannelMode.SINK) {
            return "alert." + channel.wire() + ".mode=sink";
        }
        return switch (channel) {
            case EMAIL -> "SendGrid API key " + state(sendgridApiKey);
            case SMS -> "Twilio account SID / auth token " + (Credentials.real(twilioAccountSid) ? state(twilioAuthToken) : state(twilioAccountSid));
            case SLACK -> recipient != null && recipient.startsWith(WEBHOOK)
                    ? "Slack webhook '" + recipient.substring(WEBHOOK.length()) + "' " + state(slackWebhooks.get(recipient.substring(WEBHOOK.length())))
                    : "Slack bot token " + state(slackBotToken);
            case PAGERDUTY -> "PagerDuty routing key for '" + recipient + "' " + state(pagerdutyRoutingKeys.get(recipient));
        };
    }

    /** The channel as a whole: its default credential decides; named credentials that still sink are listed. */
    public ChannelStatus status(Channel channel) {
        ChannelMode mode = modes.get(channel);
        boolean live = switch (mode) {
            case LIVE -> true;
            case SINK -> false;
            case AUTO -> switch (channel) {
                case EMAIL, SMS -> credentialReal(channel, null);
                case SLACK -> Credentials.real(slackBotToken) || slackWebhooks.values().stream().anyMatch(Credentials::real);
                case PAGERDUTY -> pagerdutyRoutingKeys.values().stream().anyMatch(Credentials::real);
            };
        };
        List<String> sinkRecipients = new ArrayList<>();
        if (live && mode == ChannelMode.AUTO) {
            if (channel == Channel.SLACK) {
                if (!Credentials.real(slackBotToken)) {
                    sinkRecipients.add("#channels (bot token " + state(slackBotToken) + ")");
                }
                new TreeMap<>(slackWebhooks).forEach((name, url) -> {
                    if (!Credentials.real(url)) {
                        sinkRecipients.add(WEBHOOK + name);
                    }
                });
            } else if (channel == Channel.PAGERDUTY) {
                new TreeMap<>(pagerdutyRoutingKeys).forEach((name, key) -> {
                    if (!Credentials.real(key)) {
                        sinkRecipients.add(name);
                    }
                });
            }
        }
        String reason = switch (mode) {
            case LIVE -> "alert." + channel.wire() + ".mode=live";
            case SINK -> "alert." + channel.wire() + ".mode=sink";
            case AUTO -> live ? "credentials configured" : channelSinkReason(channel);
        };
        return new ChannelStatus(channel.wire(), mode.name().toLowerCase(Locale.ROOT), live ? "live" : "sink",
                live ? providers.get(channel) : null, sinkFile.toString(), reason, sinkRecipients);
    }

    private String channelSinkReason(Channel channel) {
        return switch (channel) {
            case EMAIL, SMS -> sinkReason(channel, null);
            case SLACK -> "Slack bot token " + state(slackBotToken) + " and no real webhook URL";
            case PAGERDUTY -> pagerdutyRoutingKeys.isEmpty() ? "no PagerDuty routing key configured"
                    : "every PagerDuty routing key is a placeholder";
        };
    }

    private boolean credentialReal(Channel channel, String recipient) {
        return switch (channel) {
            case EMAIL -> Credentials.real(sendgridApiKey);
            case SMS -> Credentials.real(twilioAccountSid) && Credentials.real(twilioAuthToken);
            case SLACK -> recipient != null && recipient.startsWith(WEBHOOK)
                    ? Credentials.real(slackWebhooks.get(recipient.substring(WEBHOOK.length())))
                    : Credentials.real(slackBotToken);
            case PAGERDUTY -> Credentials.real(pagerdutyRoutingKeys.get(recipient));
        };
    }

    private static String state(String credential) {
        if (credential == null || credential.isBlank()) {
            return "missing";
        }
        return Credentials.real(credential) ? "configured" : "is a placeholder";
    }

    private static String host(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getHost() == null ? url : uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        } catch (IllegalArgumentException e) {
            return url;
        }
    }
}

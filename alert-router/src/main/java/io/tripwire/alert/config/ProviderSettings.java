package io.tripwire.alert.config;

import io.smallrye.config.WithDefault;
import java.util.Map;

/** Provider endpoints and credentials of {@link AlertRouterConfig}; the defaults are placeholders for development. */
public interface ProviderSettings {

    interface SendGrid {
        /** API host[:port], no scheme. Default {@code api.sendgrid.com}. */
        @WithDefault("api.sendgrid.com")
        String host();

        /** Plain HTTP (tests against a local stub only). Default false. */
        @WithDefault("false")
        boolean plainHttp();

        /** API key. Default a placeholder that SendGrid refuses. */
        @WithDefault("SG.dev-placeholder")
        String apiKey();

        /** Sender address. Default {@code alerts@tripwire.invalid}. */
        @WithDefault("alerts@tripwire.invalid")
        String from();
    }

    interface Slack {
        /** {@code auto} (Slack when the recipient's credential — bot token or webhook URL — is real, else the sink), {@code live}, {@code sink}. Default auto. */
        @WithDefault("auto")
        ChannelMode mode();

        /** Web API prefix, ending in '/'. Default {@code https://slack.com/api/}. */
        @WithDefault("https://slack.com/api/")
        String methodsUrl();

        /** Bot token for chat.postMessage. Default a placeholder. */
        @WithDefault("xoxb-dev-placeholder")
        String botToken();

        /** Incoming webhooks by name ({@code alert.slack.webhooks.NAME=URL}): recipient {@code webhook:NAME} posts there. */
        Map<String, String> webhooks();
    }

    interface Twilio {
        /** Base URL the SDK's https://*.twilio.com requests are sent to. Default {@code https://api.twilio.com}. */
        @WithDefault("https://api.twilio.com")
        String baseUrl();

        /** Account SID. Default a placeholder. */
        @WithDefault("ACdev-placeholder")
        String accountSid();

        /** Auth token. Default a placeholder. */
        @WithDefault("dev-placeholder")
        String authToken();

        /** Sender number. Default Twilio's magic test number {@code +15005550006}. */
        @WithDefault("+15005550006")
        String from();
    }

    interface PagerDuty {
        /** {@code auto} (PagerDuty when the service's routing key is real, else the sink), {@code live}, {@code sink}. Default auto. */
        @WithDefault("auto")
        ChannelMode mode();

        /** Events API v2 base URL. Default {@code https://events.pagerduty.com}. */
        @WithDefault("https://events.pagerduty.com")
        String baseUrl();

        /** Integration (routing) keys by service ({@code alert.pagerduty.routing-keys.NAME=KEY}): recipient NAME uses it. */
        Map<String, String> routingKeys();
    }
}

package io.tripwire.alert.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.tripwire.alert.config.ChannelMode;
import io.tripwire.alert.routing.Channel;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Live or sink: placeholder / missing credentials go to the sink, real ones to the provider, explicit modes win. */
class DestinationRulesTest {

    private static final Map<Channel, String> PROVIDERS = Map.of(Channel.EMAIL, "api.sendgrid.com", Channel.SLACK, "slack.com",
            Channel.SMS, "api.twilio.com", Channel.PAGERDUTY, "events.pagerduty.com");

    /** The shipped defaults of application.properties. */
    static DestinationRules shipped(Map<Channel, ChannelMode> modes) {
        return new DestinationRules(modes(modes), PROVIDERS, "SG.dev-placeholder", "xoxb-dev-placeholder",
                Map.of("ops", "https://hooks.slack.com/services/T000/B000/dev-placeholder"), "ACdev-placeholder",
                "dev-placeholder", Map.of("platform-team", "dev-placeholder-routing-key"), Path.of("run/alert-sink.jsonl"));
    }

    static DestinationRules real(Map<Channel, ChannelMode> modes) {
        return new DestinationRules(modes(modes), PROVIDERS, "SG.real-key", "xoxb-1234", Map.of("ops", "https://hooks.slack.com/services/T1/B1/abc"),
                "AC0123", "token", Map.of("platform-team", "R0123"), Path.of("run/alert-sink.jsonl"));
    }

    private static Map<Channel, ChannelMode> modes(Map<Channel, ChannelMode> overrides) {
        Map<Channel, ChannelMode> modes = new EnumMap<>(Channel.class);
        for (Channel c : Channel.values()) {
            modes.put(c, overrides.getOrDefault(c, ChannelMode.AUTO));
        }
        return modes;
    }

    @Test
    void theShippedPlaceholdersSendEveryChannelToTheSink() {
        DestinationRules rules = shipped(Map.of());
        assertThat(rules.destination(Channel.EMAIL, "ops@tripwire.invalid")).isEqualTo(Destination.SINK);
        assertThat(rules.destination(Channel.SLACK, "#alerts-ops")).isEqualTo(Destination.SINK);
        assertThat(rules.destination(Channel.SLACK, "webhook:ops")).isEqualTo(Destination.SINK);
        assertThat(rules.destination(Channel.SMS, "+15005550006")).isEqualTo(Destination.SINK);
        assertThat(rules.destination(Channel.PAGERDUTY, "platform-team")).isEqualTo(Destination.SINK);
        for (Channel c : Channel.values()) {
            ChannelStatus status = rules.status(c);
            assertThat(status.destination()).as(c.wire()).isEqualTo("sink");
            assertThat(status.provider()).isNull();
            assertThat(status.sinkFile()).isEqualTo(Path.of("run/alert-sink.jsonl").toAbsolutePath().toString());
            assertThat(status.line()).startsWith(c.wire() + ": sink → /");
        }
        assertThat(rules.sinkReason(Channel.EMAIL, "x@y.io")).isEqualTo("SendGrid API key is a placeholder");
        assertThat(rules.sinkReason(Channel.SMS, "+15550001111")).isEqualTo("Twilio account SID / auth token is a placeholder");
    }

    @Test
    void realCredentialsGoToTheProvider() {
        DestinationRules rules = real(Map.of());
        for (Channel c : Channel.values()) {
            assertThat(rules.status(c).destination()).as(c.wire()).isEqualTo("live");
            assertThat(rules.status(c).provider()).isEqualTo(PROVIDERS.get(c));
            assertThat(rules.status(c).sinkRecipients()).isEmpty();
        }
        assertThat(rules.destination(Channel.EMAIL, "a@b.io")).isEqualTo(Destination.LIVE);
        assertThat(rules.destination(Channel.SLACK, "#ops")).isEqualTo(Destination.LIVE);
        assertThat(rules.destination(Channel.SLACK, "webhook:ops")).isEqualTo(Destination.LIVE);
        assertThat(rules.destination(Channel.SMS, "+15550001111")).isEqualTo(Destination.LIVE);
        assertThat(rules.destination(Channel.PAGERDUTY, "platform-team")).isEqualTo(Destination.LIVE);
        assertThat(rules.status(Channel.SLACK).line()).isEqualTo("slack: live → slack.com (mode auto, credentials configured)");
    }

    @Test
    void aMissingNamedCredentialGoesToTheSinkEvenOnALiveChannel() {
        DestinationRules rules = real(Map.of());
        assertThat(rules.destination(Channel.PAGERDUTY, "db-team")).isEqualTo(Destination.SINK);
        assertThat(rules.sinkReason(Channel.PAGERDUTY, "db-team")).isEqualTo("PagerDuty routing key for 'db-team' missing");
        assertThat(rules.destination(Channel.SLACK, "webhook:trading")).isEqualTo(Destination.SINK);
    }

    @Test
    void onePlaceholderAmongRealCredentialsIsListedAndSinksOnlyItsRecipient() {
        DestinationRules rules = new DestinationRules(modes(Map.of()), PROVIDERS, "SG.k", "xoxb-1", Map.of("ops", "https://hooks.slack.com/x/dev-placeholder"),
                "AC1", "t", Map.of("platform-team", "R1", "desk", "dev-placeholder-routing-key"), Path.of("s.jsonl"));
        assertThat(rules.destination(Channel.SLACK, "#alerts-ops")).isEqualTo(Destination.LIVE);
        assertThat(rules.destination(Channel.SLACK, "webhook:ops")).isEqualTo(Destination.SINK);
        assertThat(rules.destination(Channel.PAGERDUTY, "desk")).isEqualTo(Destination.SINK);
        assertThat(rules.destination(Channel.PAGERDUTY, "platform-team")).isEqualTo(Destination.LIVE);
        assertThat(rules.status(Channel.SLACK).sinkRecipients()).containsExactly("webhook:ops");
        assertThat(rules.status(Channel.PAGERDUTY).sinkRecipients()).containsExactly("desk");
        assertThat(rules.status(Channel.PAGERDUTY).destination()).isEqualTo("live");
    }

    @Test
    void smsNeedsBothTwilioCredentials() {
        DestinationRules rules = new DestinationRules(modes(Map.of()), PROVIDERS, "SG.k", "xoxb-1", Map.of(), "AC1", "dev-placeholder",
                Map.of(), Path.of("s.jsonl"));
        assertThat(rules.destination(Channel.SMS, "+15550001111")).isEqualTo(Destination.SINK);
        assertThat(rules.status(Channel.PAGERDUTY).destination()).as("no routing key at all").isEqualTo("sink");
        assertThat(rules.status(Channel.PAGERDUTY).reason()).isEqualTo("no PagerDuty routing key configured");
    }

    @Test
    void anExplicitModeOverridesTheCredentials() {
        DestinationRules forcedLive = shipped(Map.of(Channel.EMAIL, ChannelMode.LIVE));
        assertThat(forcedLive.destination(Channel.EMAIL, "a@b.io")).isEqualTo(Destination.LIVE);
        assertThat(forcedLive.status(Channel.EMAIL).reason()).isEqualTo("alert.email.mode=live");
        assertThat(forcedLive.destination(Channel.SLACK, "#ops")).isEqualTo(Destination.SINK);

        DestinationRules forcedSink = real(Map.of(Channel.PAGERDUTY, ChannelMode.SINK));
        assertThat(forcedSink.destination(Channel.PAGERDUTY, "platform-team")).isEqualTo(Destination.SINK);
        assertThat(forcedSink.sinkReason(Channel.PAGERDUTY, "platform-team")).isEqualTo("alert.pagerduty.mode=sink");
        assertThat(forcedSink.status(Channel.PAGERDUTY).destination()).isEqualTo("sink");
        assertThat(forcedSink.destination(Channel.SMS, "+15550001111")).isEqualTo(Destination.LIVE);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "SG.dev-placeholder", "xoxb-dev-placeholder", "ACdev-placeholder", "dev-placeholder",
            "dev-placeholder-routing-key", "https://hooks.slack.com/services/T000/B000/dev-placeholder", "PLACEHOLDER"})
    void notACredential(String value) {
        assertThat(Credentials.real(value)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SG.test-key", "xoxb-test", "ACtest", "secret", "pd-test-key", "R0123456789"})
    void aCredential(String value) {
        assertThat(Credentials.real(value)).isTrue();
    }
}

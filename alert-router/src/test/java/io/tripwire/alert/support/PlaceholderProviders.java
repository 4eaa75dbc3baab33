package io.tripwire.alert.support;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The same local WireMock as {@link ProviderStubs} (so a delivery that wrongly went live would show in its journal,
 * not leave the machine), but every credential is the shipped placeholder: every channel must deliver to the sink,
 * here a file of its own.
 */
public class PlaceholderProviders extends ProviderStubs {

    private static Path sinkFile;

    public static Path sinkFile() {
        return sinkFile;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        sinkFile = Path.of("target", "sink-test-" + System.nanoTime(), "alert-sink.jsonl").toAbsolutePath();
        config.put("alert.sendgrid.api-key", "SG.dev-placeholder");
        config.put("alert.slack.bot-token", "xoxb-dev-placeholder");
        config.put("alert.slack.webhooks.ops", "https://hooks.slack.com/services/T000/B000/dev-placeholder");
        config.put("alert.twilio.account-sid", "ACdev-placeholder");
        config.put("alert.twilio.auth-token", "dev-placeholder");
        config.put("alert.pagerduty.routing-keys.platform-team", "dev-placeholder-routing-key");
        config.put("alert.sink.file", sinkFile.toString());
        return config;
    }
}

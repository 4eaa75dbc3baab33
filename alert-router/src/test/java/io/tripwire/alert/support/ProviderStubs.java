package io.tripwire.alert.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * One local WireMock for all four providers (SendGrid, Slack Web API + incoming webhook, Twilio, PagerDuty Events
 * v2), reached through the real SDK clients; the router's provider settings point at it. Retries are quick here.
 */
public class ProviderStubs implements QuarkusTestResourceLifecycleManager {

    public static final String SENDGRID = "/v3/mail/send";
    public static final String SLACK_POST = "/api/chat.postMessage";
    public static final String SLACK_WEBHOOK = "/services/T000/B000/XXX";
    public static final String TWILIO = "/2010-04-01/Accounts/ACtest/Messages.json";
    public static final String PAGERDUTY = "/v2/enqueue";

    private static WireMockServer server;

    public static WireMockServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(40));
        server.start();
        stubSuccess();
        String base = "http://127.0.0.1:" + server.port();
        return Map.ofEntries(
                Map.entry("alert.sendgrid.host", "127.0.0.1:" + server.port()),
                Map.entry("alert.sendgrid.plain-http", "true"),
                Map.entry("alert.sendgrid.api-key", "SG.test-key"),
                Map.entry("alert.slack.methods-url", base + "/api/"),
                Map.entry("alert.slack.bot-token", "xoxb-test"),
                Map.entry("alert.slack.webhooks.ops", base + SLACK_WEBHOOK),
                Map.entry("alert.twilio.base-url", base),
                Map.entry("alert.twilio.account-sid", "ACtest"),
                Map.entry("alert.twilio.auth-token", "secret"),
                Map.entry("alert.pagerduty.base-url", base),
                Map.entry("alert.pagerduty.routing-keys.platform-team", "pd-test-key"),
                Map.entry("quarkus.rest-client.pagerduty.read-timeout", "1000"),
                Map.entry("alert.delivery.provider-timeout", "1s"),
                Map.entry("alert.backoff.initial", "200ms"),
                Map.entry("alert.backoff.max", "2s"),
                Map.entry("alert.backoff.jitter", "0"),
                Map.entry("alert.rate-limits.global-per-minute", "100000"),
                Map.entry("alert.rate-limits.sms-per-minute", "100000"),
                Map.entry("alert.rate-limits.sms-per-recipient-per-hour", "100000"),
                Map.entry("alert.rate-limits.slack-per-minute", "100000"),
                Map.entry("alert.intake.stream-claim-idle", "3s"),
                Map.entry("alert.gauge-interval", "1s"));
    }

    /** Every provider accepts everything. */
    public static void stubSuccess() {
        server.resetAll();
        server.stubFor(post(urlPathEqualTo(SENDGRID)).willReturn(aResponse().withStatus(202).withHeader("X-Message-Id", "sg-1")));
        server.stubFor(post(urlPathEqualTo(SLACK_POST)).willReturn(json(200, "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1700000000.000100\"}")));
        server.stubFor(post(urlPathEqualTo(SLACK_WEBHOOK)).willReturn(aResponse().withStatus(200).withBody("ok")));
        server.stubFor(post(urlPathEqualTo(TWILIO)).willReturn(json(201,
                "{\"sid\":\"SM123\",\"status\":\"queued\",\"to\":\"+15550001111\",\"from\":\"+15005550006\",\"body\":\"x\"}")));
        server.stubFor(post(urlPathEqualTo(PAGERDUTY)).willReturn(json(202,
                "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"k\"}")));
    }

    public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}

package io.tripwire.alert.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tripwire.alert.support.ProviderStubs;

/** Slack chat.postMessage through slack-api-client; {@code ok:false channel_not_found} is permanent. */
@QuarkusTest
@QuarkusTestResource(ProviderStubs.class)
class SlackChatDeliveryTest extends ProviderContract {

    @Override
    String path() {
        return ProviderStubs.SLACK_POST;
    }

    @Override
    String channel() {
        return "slack";
    }

    @Override
    String recipient() {
        return "#trading-desk";
    }

    @Override
    ResponseDefinitionBuilder success() {
        return ProviderStubs.json(200, "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1700000000.000200\"}");
    }

    @Override
    ResponseDefinitionBuilder permanent() {
        return ProviderStubs.json(200, "{\"ok\":false,\"error\":\"channel_not_found\"}");
    }

    @Override
    void verifySent(LoggedRequest request) {
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer xoxb-test");
        assertThat(request.getBodyAsString()).contains("channel=%23trading-desk");
    }
}

package io.tripwire.alert.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tripwire.alert.support.ProviderStubs;

/** Slack incoming webhook through slack-api-client; 404 no_service (deleted webhook) is permanent. */
@QuarkusTest
@QuarkusTestResource(ProviderStubs.class)
class SlackWebhookDeliveryTest extends ProviderContract {

    @Override
    String path() {
        return ProviderStubs.SLACK_WEBHOOK;
    }

    @Override
    String channel() {
        return "slack";
    }

    @Override
    String recipient() {
        return "webhook:ops";
    }

    @Override
    ResponseDefinitionBuilder success() {
        return WireMock.aResponse().withStatus(200).withBody("ok");
    }

    @Override
    ResponseDefinitionBuilder permanent() {
        return WireMock.aResponse().withStatus(404).withBody("no_service");
    }

    @Override
    void verifySent(LoggedRequest request) {
        assertThat(request.getBodyAsString()).contains("\"text\":\"[WARNING] disk full on");
    }
}

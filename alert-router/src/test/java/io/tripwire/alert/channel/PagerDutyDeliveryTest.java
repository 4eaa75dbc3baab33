package io.tripwire.alert.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tripwire.alert.support.ProviderStubs;

/** PagerDuty Events API v2 through the Quarkus REST client against a stub. */
@QuarkusTest
@QuarkusTestResource(ProviderStubs.class)
class PagerDutyDeliveryTest extends ProviderContract {

    @Override
    String path() {
        return ProviderStubs.PAGERDUTY;
    }

    @Override
    String channel() {
        return "pagerduty";
    }

    @Override
    String recipient() {
        return "platform-team";
    }

    @Override
    ResponseDefinitionBuilder success() {
        return ProviderStubs.json(202, "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"x\"}");
    }

    @Override
    ResponseDefinitionBuilder permanent() {
        return ProviderStubs.json(400, "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":[\"Length of 'routing_key' is incorrect\"]}");
    }

    @Override
    void verifySent(LoggedRequest request) {
        assertThat(request.getBodyAsString()).contains("\"routing_key\":\"pd-test-key\"").contains("\"event_action\":\"trigger\"")
                .contains("\"dedup_key\":\"dk-").contains("\"severity\":\"warning\"");
    }
}

package io.tripwire.alert.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tripwire.alert.support.ProviderStubs;

/** Email through sendgrid-java against a SendGrid stub; its 429 carries X-RateLimit-Reset (epoch seconds). */
@QuarkusTest
@QuarkusTestResource(ProviderStubs.class)
class EmailDeliveryTest extends ProviderContract {

    @Override
    String path() {
        return ProviderStubs.SENDGRID;
    }

    @Override
    String channel() {
        return "email";
    }

    @Override
    String recipient() {
        return "oncall@example.com";
    }

    @Override
    ResponseDefinitionBuilder success() {
        return com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(202).withHeader("X-Message-Id", "msg-1");
    }

    @Override
    ResponseDefinitionBuilder permanent() {
        return ProviderStubs.json(400, "{\"errors\":[{\"message\":\"Does not contain a valid address.\",\"field\":\"personalizations.0.to.0.email\"}]}");
    }

    @Override
    ResponseDefinitionBuilder tooMany() {
        long reset = System.currentTimeMillis() / 1000 + 3; // next whole second + 2 s at least
        return ProviderStubs.json(429, "{\"errors\":[{\"message\":\"too many requests\"}]}")
                .withHeader("X-RateLimit-Limit", "600").withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Reset", Long.toString(reset));
    }

    @Override
    void verifySent(LoggedRequest request) {
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer SG.test-key");
        assertThat(request.getBodyAsString()).contains("oncall@example.com").contains("[WARNING] disk full on");
    }
}

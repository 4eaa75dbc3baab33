package io.tripwire.alert.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tripwire.alert.support.ProviderStubs;
import java.util.Base64;

/** SMS through twilio-java against a Twilio stub (the SDK's https://api.twilio.com re-pointed, basic auth kept). */
@QuarkusTest
@QuarkusTestResource(ProviderStubs.class)
class SmsDeliveryTest extends ProviderContract {

    @Override
    String path() {
        return ProviderStubs.TWILIO;
    }

    @Override
    String channel() {
        return "sms";
    }

    @Override
    String recipient() {
        return "+15550001111";
    }

    @Override
    ResponseDefinitionBuilder success() {
        return ProviderStubs.json(201, "{\"sid\":\"SM42\",\"status\":\"queued\",\"to\":\"+15550001111\"}");
    }

    @Override
    ResponseDefinitionBuilder permanent() {
        return ProviderStubs.json(400, "{\"code\":21211,\"message\":\"The 'To' number is not a valid phone number.\","
                + "\"more_info\":\"https://www.twilio.com/docs/errors/21211\",\"status\":400}");
    }

    @Override
    ResponseDefinitionBuilder tooMany() {
        return ProviderStubs.json(429, "{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":429}").withHeader("Retry-After", "2");
    }

    @Override
    void verifySent(LoggedRequest request) {
        String auth = "Basic " + Base64.getEncoder().encodeToString("ACtest:secret".getBytes());
        assertThat(request.getHeader("Authorization")).isEqualTo(auth);
        assertThat(request.getBodyAsString()).contains("To=%2B15550001111").contains("From=%2B15005550006")
                .contains("ValidityPeriod=");
    }
}

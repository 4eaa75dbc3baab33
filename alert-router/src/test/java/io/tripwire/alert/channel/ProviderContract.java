package io.tripwire.alert.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static io.restassured.RestAssured.given;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.tripwire.alert.support.AlertFixtures;
import io.tripwire.alert.support.ProviderStubs;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every provider meets through its real SDK against a local stub: success; 429 with the provider's
 * wait honoured; 5xx then success; a permanent error goes to the poison queue without a retry; a timeout is retried.
 */
abstract class ProviderContract {

    @Inject AlertFixtures fixtures;
    String key;

    abstract String path();

    abstract String channel();

    abstract String recipient();

    abstract ResponseDefinitionBuilder success();

    abstract ResponseDefinitionBuilder permanent();

    /** The provider's "too many requests", asking to wait 2 s. */
    ResponseDefinitionBuilder tooMany() {
        return aResponse().withStatus(429).withHeader("Retry-After", "2").withBody("{}");
    }

    /** Checks what the SDK sent (auth, recipient, text). */
    abstract void verifySent(LoggedRequest request);

    @BeforeEach
    void routeToThisProvider() {
        key = fixtures.reset();
        fixtures.rule(key, "route-" + channel(), channel(), recipient());
    }

    long alert() {
        return fixtures.submit(key, "warning", "dk-" + UUID.randomUUID(), Map.of("route", "route-" + channel()));
    }

    void firstThen(ResponseDefinitionBuilder first, ResponseDefinitionBuilder then) {
        var server = ProviderStubs.server();
        server.stubFor(post(urlPathEqualTo(path())).inScenario("s").whenScenarioStateIs(STARTED).willReturn(first).willSetStateTo("ok"));
        server.stubFor(post(urlPathEqualTo(path())).inScenario("s").whenScenarioStateIs("ok").willReturn(then));
    }

    List<LoggedRequest> sent() {
        return ProviderStubs.server().findAll(postRequestedFor(urlPathEqualTo(path())));
    }

    @Test
    void anAcceptedMessageIsDeliveredOnce() {
        ProviderStubs.server().stubFor(post(urlPathEqualTo(path())).willReturn(success()));
        long id = alert();
        var row = fixtures.awaitStatus(id, channel(), "delivered", Duration.ofSeconds(10));
        assertThat(row.getInteger("retry_count")).isEqualTo(1);
        assertThat(row.getString("recipient")).isEqualTo(recipient());
        assertThat(sent()).hasSize(1);
        verifySent(sent().get(0));
        String providerRef = row.getString("provider_ref"); // PagerDuty and Slack webhooks answer without a reference
        assertThat(providerRef == null || !providerRef.startsWith("sink:")).as("went to the provider, not the sink: %s", providerRef).isTrue();
        List<Long> inInbox = given().header("X-API-Key", key).get("/api/v1/inbox?limit=1000").then().statusCode(200)
                .extract().jsonPath().getList("messages.alert_id", Long.class);
        assertThat(inInbox).doesNotContain(id);
    }

    @Test
    void realCredentialsMakeTheChannelLive() {
        var channels = given().header("X-API-Key", key).accept("application/json").get("/api/v1/channels")
                .then().statusCode(200).extract().jsonPath();
        assertThat(channels.getList("destination")).containsOnly("live");
        assertThat(channels.getString("find { it.channel == '" + channel() + "' }.provider"))
                .isEqualTo("127.0.0.1:" + ProviderStubs.server().port());
    }

    @Test
    void a429WaitsAsLongAsTheProviderAsksThenDelivers() {
        firstThen(tooMany(), success());
        long id = alert();
        var row = fixtures.awaitStatus(id, channel(), "delivered", Duration.ofSeconds(15));
        assertThat(row.getInteger("retry_count")).isEqualTo(2);
        List<LoggedRequest> requests = sent();
        assertThat(requests).hasSize(2);
        long gapMs = requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
        assertThat(gapMs).as("wait between attempts").isGreaterThanOrEqualTo(1900);
    }

    @Test
    void aServerErrorIsRetriedUntilDelivered() {
        firstThen(aResponse().withStatus(503).withBody("upstream unavailable"), success());
        long id = alert();
        var row = fixtures.awaitStatus(id, channel(), "delivered", Duration.ofSeconds(10));
        assertThat(row.getInteger("retry_count")).isEqualTo(2);
        assertThat(sent()).hasSize(2);
    }

    @Test
    void aPermanentErrorGoesToThePoisonQueueWithoutARetry() throws InterruptedException {
        ProviderStubs.server().stubFor(post(urlPathEqualTo(path())).willReturn(permanent()));
        long id = alert();
        var row = fixtures.awaitStatus(id, channel(), "poison", Duration.ofSeconds(10));
        Thread.sleep(1500); // a wrongly scheduled retry would show up within a sweep
        assertThat(sent()).hasSize(1);
        assertThat(row.getInteger("retry_count")).isEqualTo(1);
        assertThat(row.getString("error_message")).startsWith("permanent");
        assertThat(row.getOffsetDateTime("failed_at")).isNotNull();
    }

    @Test
    void aTimeoutIsRetried() {
        firstThen(success().withFixedDelay(2500), success());
        long id = alert();
        var row = fixtures.awaitStatus(id, channel(), "delivered", Duration.ofSeconds(15));
        assertThat(row.getInteger("retry_count")).isEqualTo(2);
        assertThat(sent()).hasSize(2);
    }
}

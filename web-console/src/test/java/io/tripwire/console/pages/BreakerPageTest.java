package io.tripwire.console.pages;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.tripwire.console.support.ConsoleFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.tripwire.console.support.ConsoleBrowser;
import io.tripwire.console.support.ConsoleFixtures;
import io.tripwire.console.support.ConsoleTestBase;
import io.tripwire.console.support.UpstreamStubs;
import org.junit.jupiter.api.Test;

/** Circuit Breaker page: viewers refused, CSRF required, reasons checked, the gateway's answers shown. */
@QuarkusTest
@WithTestResource(UpstreamStubs.class)
class BreakerPageTest extends ConsoleTestBase {

    private static final String REASON = "venue feed frozen, halting all new risk";

    @Test
    void viewerSeesNoFormsAndIsRefusedTripAndReset() {
        ConsoleBrowser viewer = ConsoleBrowser.login("viewer1", PASSWORD);
        String page = viewer.get("/console/breaker").asString();
        assertThat(page).contains("breaker-state").doesNotContain("trip-form").doesNotContain("reset-form").contains("viewer-note");
        String csrf = ConsoleBrowser.csrf(page);

        Response trip = viewer.post("/console/breaker/trip", "reason", REASON, "acknowledged", "true", "_csrf", csrf);
        Response reset = viewer.post("/console/breaker/reset", "reason", REASON, "acknowledged", "true", "_csrf", csrf);

        assertThat(trip.statusCode()).isEqualTo(403);
        assertThat(reset.statusCode()).isEqualTo(403);
        assertThat(trip.asString()).contains("viewer");
        UpstreamStubs.server().verify(0, postRequestedFor(urlPathEqualTo("/api/v1/circuit-breaker/trip")));
        UpstreamStubs.server().verify(0, postRequestedFor(urlPathEqualTo("/api/v1/circuit-breaker/reset")));
        assertThat(audit("CONSOLE_BREAKER_TRIP")).containsExactly("operator:viewer1|DENIED|");
        assertThat(audit("CONSOLE_BREAKER_RESET")).containsExactly("operator:viewer1|DENIED|");
    }

    @Test
    void formsWithoutCsrfAre403AndReachNothing() {
        ConsoleBrowser operator = ConsoleBrowser.login("operator1", PASSWORD);
        String[] forms = {"/console/breaker/trip", "/console/breaker/reset", "/console/kill-switch/activate",
                "/console/kill-switch/deactivate", "/console/logout"};
        for (String form : forms) {
            assertThat(operator.post(form, "reason", REASON, "acknowledged", "true", "confirmed", "true", "mode", "HALT_ONLY")
                    .statusCode()).as(form).isEqualTo(403);
            assertThat(operator.post(form, "reason", REASON, "acknowledged", "true", "_csrf", "forged").statusCode())
                    .as(form).isEqualTo(403);
        }
        assertThat(UpstreamStubs.server().findAll(postRequestedFor(urlPathEqualTo("/api/v1/circuit-breaker/trip")))).isEmpty();
        assertThat(UpstreamStubs.server().findAll(postRequestedFor(urlPathEqualTo("/api/v1/kill-switch")))).isEmpty();
    }

    @Test
    void operatorTripsWithTheirNameInTheForwardedReasonAndTheAudit() {
        UpstreamStubs.server().stubFor(post(urlPathEqualTo("/api/v1/circuit-breaker/trip"))
                .willReturn(json(200, "{\"changed\":true,\"confirmed\":[\"POSTGRES\",\"REDIS\"]}")));
        ConsoleBrowser operator = ConsoleBrowser.login("operator1", PASSWORD);
        String csrf = ConsoleBrowser.csrf(operator.get("/console/breaker").asString());
        assertThat(operator.get("/console/breaker").asString()).contains("trip-form");

        Response trip = operator.post("/console/breaker/trip", "reason", REASON, "acknowledged", "true", "_csrf", csrf);

        assertThat(trip.statusCode()).isEqualTo(303);
        assertThat(trip.getHeader("Location")).contains("/console/breaker?done=tripped");
        UpstreamStubs.server().verify(1, postRequestedFor(urlPathEqualTo("/api/v1/circuit-breaker/trip"))
                .withHeader("Authorization", equalTo("Bearer " + UpstreamStubs.SERVICE_KEY))
                .withRequestBody(matchingJsonPath("$.reason", equalTo("[console operator operator1] " + REASON)))
                .withRequestBody(matchingJsonPath("$.acknowledged", equalTo("true"))));
        assertThat(audit("CONSOLE_BREAKER_TRIP")).containsExactly("operator:operator1|SUCCESS|" + REASON);
        assertThat(operator.get("/console/breaker?done=tripped").asString()).contains("Circuit breaker tripped");
    }

    @Test
    void shortReasonOrNoAcknowledgementIsRefusedWithAMessage() {
        ConsoleBrowser operator = ConsoleBrowser.login("operator1", PASSWORD);
        String csrf = ConsoleBrowser.csrf(operator.get("/console/breaker").asString());

        Response shortReason = operator.post("/console/breaker/trip", "reason", "too short", "acknowledged", "true", "_csrf", csrf);
        Response noAck = operator.post("/console/breaker/trip", "reason", REASON, "_csrf", csrf);

        assertThat(shortReason.statusCode()).isEqualTo(400);
        assertThat(shortReason.asString()).contains("at least 20 characters");
        assertThat(noAck.statusCode()).isEqualTo(400);
        assertThat(noAck.asString()).contains("acknowledgement");
        UpstreamStubs.server().verify(0, postRequestedFor(urlPathEqualTo("/api/v1/circuit-breaker/trip")));
    }

    @Test
    void resetShowsTripConditionsAndTheOnePerMinuteRefusal() {
        ConsoleFixtures.stubReads(UpstreamStubs.server(), ConsoleFixtures.TRIPPED_BREAKER);
        UpstreamStubs.server().stubFor(post(urlPathEqualTo("/api/v1/circuit-breaker/reset")).willReturn(
                json(429, "{\"code\":\"RATE_LIMITED\",\"message\":\"one reset per minute\",\"details\":{}}").withHeader("Retry-After", "42")));
        ConsoleBrowser admin = ConsoleBrowser.login("admin1", PASSWORD);
        String page = admin.get("/console/breaker").asString();
        assertThat(page).contains("reset-form").contains("trip-conditions").contains("manual halt for the market open");

        Response reset = admin.post("/console/breaker/reset", "reason", "feed recovered, verified prices are fresh",
                "acknowledged", "true", "_csrf", ConsoleBrowser.csrf(page));

        assertThat(reset.statusCode()).isEqualTo(429);
        assertThat(reset.asString()).contains("only one reset per minute").contains("42 s");
        UpstreamStubs.server().verify(1, postRequestedFor(urlPathEqualTo("/api/v1/circuit-breaker/reset"))
                .withRequestBody(containing("[console operator admin1]")));
        assertThat(audit("CONSOLE_BREAKER_RESET")).containsExactly("operator:admin1|REFUSED|feed recovered, verified prices are fresh");
    }
}

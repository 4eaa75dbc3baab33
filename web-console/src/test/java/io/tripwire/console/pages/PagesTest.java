package io.tripwire.console.pages;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
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
import io.tripwire.console.support.ConsoleTestBase;
import io.tripwire.console.support.UpstreamStubs;
import org.junit.jupiter.api.Test;

/** System Health colours and fallback, Status, Kill Switch forms. */
@QuarkusTest
@WithTestResource(UpstreamStubs.class)
class PagesTest extends ConsoleTestBase {

    @Test
    void healthShowsEveryComponentWithItsColour() {
        ConsoleBrowser viewer = ConsoleBrowser.login("viewer1", PASSWORD);
        String page = viewer.get("/console/health").asString();

        assertThat(page).contains("data-component=\"execution-gateway\" data-colour=\"green\"")
                .contains("data-component=\"redis\" data-colour=\"yellow\"")
                .contains("data-component=\"reconciler\" data-colour=\"red\"")
                .contains("data-component=\"poison-queue\" data-colour=\"grey\"")
                .contains("data-component=\"alert-router\" data-colour=\"grey\"")
                .contains("4 ms").contains("PING slow").contains("45 s").contains("check failed: timeout")
                .contains("hx-get=\"/console/health/panel\"").contains("every 10s");
        assertThat(viewer.get("/console/health/panel").asString()).contains("data-colour=\"red\"").doesNotContain("<html");
    }

    @Test
    void healthMonitorDownShowsLastKnownStatusGreyWithWarning() {
        ConsoleBrowser viewer = ConsoleBrowser.login("viewer1", PASSWORD);
        assertThat(viewer.get("/console/health/panel").statusCode()).isEqualTo(200);
        UpstreamStubs.server().stubFor(get(urlPathEqualTo("/api/v1/health/summary")).willReturn(aResponse().withStatus(503)));

        String panel = viewer.get("/console/health/panel").asString();

        assertThat(panel).contains("Showing the last known status").contains("data-component=\"execution-gateway\" data-colour=\"grey\"")
                .doesNotContain("data-colour=\"green\"");
    }

    @Test
    void statusRendersTheGatewayStatus() {
        String page = ConsoleBrowser.login("viewer1", PASSWORD).get("/console/status").asString();
        assertThat(page).contains("paper").contains("READY").contains("AAPL").contains("o-1").contains("daily_pnl");
    }

    @Test
    void killSwitchClosePositionsAndDeactivate() {
        UpstreamStubs.server().stubFor(post(urlPathEqualTo("/api/v1/kill-switch")).willReturn(json(200, "{\"changed\":true}")));
        UpstreamStubs.server().stubFor(delete(urlPathEqualTo("/api/v1/kill-switch")).willReturn(json(200, "{\"changed\":true}")));
        ConsoleBrowser operator = ConsoleBrowser.login("operator1", PASSWORD);
        String page = operator.get("/console/kill-switch").asString();
        assertThat(page).contains("kill-form").contains("Positions left: <strong id=\"positions-left\">1</strong>");
        String csrf = ConsoleBrowser.csrf(page);

        Response unconfirmed = operator.post("/console/kill-switch/activate", "mode", "CLOSE_POSITIONS",
                "reason", "flatten before the outage", "_csrf", csrf);
        Response on = operator.post("/console/kill-switch/activate", "mode", "CLOSE_POSITIONS",
                "reason", "flatten before the outage", "confirmed", "true", "_csrf", csrf);
        Response off = operator.post("/console/kill-switch/deactivate", "reason", "outage over, positions flat",
                "confirmed", "true", "_csrf", csrf);

        assertThat(unconfirmed.statusCode()).isEqualTo(400);
        assertThat(on.statusCode()).isEqualTo(303);
        assertThat(off.statusCode()).isEqualTo(303);
        UpstreamStubs.server().verify(1, postRequestedFor(urlPathEqualTo("/api/v1/kill-switch"))
                .withRequestBody(matchingJsonPath("$.mode", equalTo("CLOSE_POSITIONS")))
                .withRequestBody(matchingJsonPath("$.reason", equalTo("[console operator operator1] flatten before the outage"))));
        UpstreamStubs.server().verify(1, deleteRequestedFor(urlPathEqualTo("/api/v1/kill-switch"))
                .withRequestBody(matchingJsonPath("$.reason", equalTo("[console operator operator1] outage over, positions flat"))));
        assertThat(audit("CONSOLE_KILL_SWITCH_ACTIVATE")).containsExactly(
                "operator:operator1|REFUSED|flatten before the outage", "operator:operator1|SUCCESS|flatten before the outage");
        assertThat(audit("CONSOLE_KILL_SWITCH_DEACTIVATE")).containsExactly("operator:operator1|SUCCESS|outage over, positions flat");
    }

    @Test
    void viewerCannotUseTheKillSwitch() {
        ConsoleBrowser viewer = ConsoleBrowser.login("viewer1", PASSWORD);
        String page = viewer.get("/console/kill-switch").asString();
        assertThat(page).doesNotContain("kill-form");
        Response answer = viewer.post("/console/kill-switch/activate", "mode", "HALT_ONLY", "reason", "viewer tries to halt",
                "confirmed", "true", "_csrf", ConsoleBrowser.csrf(page));
        assertThat(answer.statusCode()).isEqualTo(403);
        UpstreamStubs.server().verify(0, postRequestedFor(urlPathEqualTo("/api/v1/kill-switch")));
    }

    @Test
    void apiPathsStillNeedAnApiKey() {
        assertThat(io.restassured.RestAssured.given().get("/api/v1/whoami").statusCode()).isEqualTo(401);
        assertThat(io.restassured.RestAssured.given().get("/console/static/htmx.min.js").statusCode()).isEqualTo(200);
    }
}

package io.tripwire.console.pages;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tripwire.console.support.ConsoleBrowser;
import io.tripwire.console.support.ConsoleTestBase;
import io.tripwire.console.support.UpstreamStubs;
import org.junit.jupiter.api.Test;

/** Orders & positions: the gateway's orders (status, reason, filled), positions with P&L, each part's failure shown. */
@QuarkusTest
@WithTestResource(UpstreamStubs.class)
class OrdersPageTest extends ConsoleTestBase {

    @Test
    void viewerSeesOrdersWithStatusReasonAndFillAndPositionsWithPnl() {
        ConsoleBrowser viewer = ConsoleBrowser.login("viewer1", PASSWORD);
        String page = viewer.get("/console/orders").asString();

        assertThat(page).contains("data-client-order-id=\"coid-filled\" data-status=\"FILLED\"")
                .contains("<td class=\"filled\">10</td>").contains("190.25")
                .contains("data-client-order-id=\"coid-rejected\" data-status=\"REJECTED\"")
                .contains("<td class=\"reason\">FAT_FINGER: notional 1231.5 above the cap</td>")
                .contains("<td>191.75</td>").contains("<td>15.25</td>")
                .contains("daily_pnl").contains("12.5")
                .contains("hx-get=\"/console/orders/panel\"").contains("id=\"nav-orders\"")
                .doesNotContain("id=\"nav-keys\"").doesNotContain("id=\"nav-audit\"");
        UpstreamStubs.server().verify(getRequestedFor(urlPathEqualTo("/api/v1/orders")).withQueryParam("status", equalTo("all"))
                .withHeader("Authorization", equalTo("Bearer " + UpstreamStubs.SERVICE_KEY)));
        assertThat(viewer.get("/console/orders/panel").asString()).contains("coid-rejected").doesNotContain("<html");
    }

    @Test
    void aPartThatCannotBeReadSaysWhyAndTheRestStillShows() {
        UpstreamStubs.server().stubFor(get(urlPathEqualTo("/api/v1/positions")).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\":\"VENUE_UNAVAILABLE\",\"message\":\"venue timed out\",\"details\":{}}")));

        String page = ConsoleBrowser.login("viewer1", PASSWORD).get("/console/orders").asString();

        assertThat(page).contains("Positions unavailable: HTTP 503 VENUE_UNAVAILABLE: venue timed out").contains("coid-filled");
    }

    @Test
    void withoutASessionTheOrdersPageSendsToLogin() {
        assertThat(io.restassured.RestAssured.given().redirects().follow(false).get("/console/orders").statusCode()).isEqualTo(303);
    }

    @Test
    void adminsSeeTheAdminLinks() {
        String page = ConsoleBrowser.login("admin1", PASSWORD).get("/console/orders").asString();
        assertThat(page).contains("id=\"nav-keys\"").contains("id=\"nav-audit\"").contains("id=\"nav-alerts\"");
    }
}

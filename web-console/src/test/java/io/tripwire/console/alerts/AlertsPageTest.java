package io.tripwire.console.alerts;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.tripwire.console.support.ConsoleFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.tripwire.console.support.ConsoleBrowser;
import io.tripwire.console.support.ConsoleTestBase;
import io.tripwire.console.support.UpstreamStubs;
import org.junit.jupiter.api.Test;

/** Alerts: rules, deliveries with latency and the poison queue read by every role; changes by operators, audited, CSRF-checked. */
@QuarkusTest
@WithTestResource(UpstreamStubs.class)
class AlertsPageTest extends ConsoleTestBase {

    private static final String CREATED = """
            {"id":8,"name":"warnings to slack","priority":50,"severities":["WARNING"],"targets":[{"channel":"slack","recipient":"#ops"}],
             "escalation":[],"match_labels":{},"stop_on_match":true,"enabled":true}""";

    @Test
    void viewerReadsRulesDeliveriesWithLatencyAndThePoisonQueueButGetsNoForms() {
        String page = ConsoleBrowser.login("viewer1", PASSWORD).get("/console/alerts").asString();

        assertThat(page).contains("data-rule=\"7\" data-name=\"critical to pager\" data-enabled=\"true\"")
                .contains("pagerduty platform-team; sms +15551234567").contains("team=trading")
                .contains("data-delivery=\"40\" data-status=\"delivered\"").contains("<td class=\"latency\">1234 ms</td>")
                .contains("class=\"poisoned\" data-delivery=\"41\"").contains("permanent: sendgrid 400 bad recipient")
                .contains("id=\"viewer-note\"")
                .doesNotContain("id=\"rule-form\"").doesNotContain("retry-form").doesNotContain("disable-rule");
    }

    @Test
    void viewerCannotCreateEditDisableOrRetry() {
        ConsoleBrowser viewer = ConsoleBrowser.login("viewer1", PASSWORD);
        String csrf = viewer.csrfOf("/console/alerts");

        Response create = viewer.post("/console/alerts/rules", "name", "viewer rule", "severities", "critical",
                "targets", "email ops@tripwire.invalid", "_csrf", csrf);
        Response edit = viewer.post("/console/alerts/rules/7", "name", "viewer edit", "severities", "critical",
                "targets", "email ops@tripwire.invalid", "_csrf", csrf);
        Response disable = viewer.post("/console/alerts/rules/7/disable", "_csrf", csrf);
        Response retry = viewer.post("/console/alerts/deliveries/41/retry", "reason", "viewer wants it resent", "_csrf", csrf);

        assertThat(create.statusCode()).isEqualTo(403);
        assertThat(edit.statusCode()).isEqualTo(403);
        assertThat(disable.statusCode()).isEqualTo(403);
        assertThat(retry.statusCode()).isEqualTo(403);
        UpstreamStubs.server().verify(0, postRequestedFor(urlPathMatching("/api/v1/(rules|deliveries).*")));
        UpstreamStubs.server().verify(0, putRequestedFor(urlPathMatching("/api/v1/rules.*")));
        assertThat(audit("CONSOLE_ALERT_RULE_CREATE")).containsExactly("operator:viewer1|DENIED|");
        assertThat(audit("CONSOLE_ALERT_RETRY")).containsExactly("operator:viewer1|DENIED|");
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefused() {
        ConsoleBrowser operator = ConsoleBrowser.login("operator1", PASSWORD);

        Response create = operator.post("/console/alerts/rules", "name", "no token rule", "severities", "critical",
                "targets", "email ops@tripwire.invalid");
        Response retry = operator.post("/console/alerts/deliveries/41/retry", "reason", "resend after the fix", "_csrf", "forged");

        assertThat(create.statusCode()).isEqualTo(403);
        assertThat(retry.statusCode()).isEqualTo(403);
        UpstreamStubs.server().verify(0, postRequestedFor(urlPathMatching("/api/v1/(rules|deliveries).*")));
        assertThat(audit("CONSOLE_CSRF_REJECTED")).hasSize(2);
    }

    @Test
    void operatorCreatesARuleThroughTheRouterAudited() {
        UpstreamStubs.server().stubFor(post(urlPathEqualTo("/api/v1/rules")).willReturn(json(201, CREATED)));
        ConsoleBrowser operator = ConsoleBrowser.login("operator1", PASSWORD);
        String csrf = operator.csrfOf("/console/alerts");

        Response answer = operator.post("/console/alerts/rules", "name", "warnings to slack", "priority", "50",
                "severities", "warning", "targets", "slack #ops\n email  ops@tripwire.invalid", "labels", "team=trading",
                "stop_on_match", "true", "enabled", "true", "_csrf", csrf);

        assertThat(answer.statusCode()).isEqualTo(303);
        assertThat(answer.header("Location")).endsWith("/console/alerts?done=created");
        UpstreamStubs.server().verify(1, postRequestedFor(urlPathEqualTo("/api/v1/rules"))
                .withHeader("Authorization", equalTo("Bearer " + UpstreamStubs.SERVICE_KEY))
                .withRequestBody(matchingJsonPath("$.name", equalTo("warnings to slack")))
                .withRequestBody(matchingJsonPath("$.priority", equalTo("50")))
                .withRequestBody(matchingJsonPath("$.severities[0]", equalTo("warning")))
                .withRequestBody(matchingJsonPath("$.targets[0].channel", equalTo("slack")))
                .withRequestBody(matchingJsonPath("$.targets[0].recipient", equalTo("#ops")))
                .withRequestBody(matchingJsonPath("$.targets[1].recipient", equalTo("ops@tripwire.invalid")))
                .withRequestBody(matchingJsonPath("$.match_labels.team", equalTo("trading")))
                .withRequestBody(matchingJsonPath("$.enabled", equalTo("true"))));
        assertThat(audit("CONSOLE_ALERT_RULE_CREATE")).containsExactly("operator:operator1|SUCCESS|");
    }

    @Test
    void theRoutersFieldErrorsAreShownAndALineTheConsoleCannotSplitIsRefusedBeforeSending() {
        UpstreamStubs.server().stubFor(post(urlPathEqualTo("/api/v1/rules")).willReturn(json(400, """
                {"code":"VALIDATION_FAILED","message":"request is invalid","details":{"fields":{"targets[0]":"channel must be email, slack, sms or pagerduty"}}}""")));
        ConsoleBrowser operator = ConsoleBrowser.login("operator1", PASSWORD);
        String csrf = operator.csrfOf("/console/alerts");

        Response unsplittable = operator.post("/console/alerts/rules", "name", "bad rule", "severities", "critical",
                "targets", "pigeon", "_csrf", csrf);
        UpstreamStubs.server().verify(0, postRequestedFor(urlPathEqualTo("/api/v1/rules")));
        Response refused = operator.post("/console/alerts/rules", "name", "bad rule", "severities", "critical",
                "targets", "pigeon loft-3", "_csrf", csrf);

        assertThat(unsplittable.statusCode()).isEqualTo(400);
        assertThat(unsplittable.asString()).contains("data-error-for=\"targets\"").contains("each line: channel recipient");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.asString()).contains("the alert router refused 1 field(s)")
                .contains("targets[0]: channel must be email, slack, sms or pagerduty").contains("pigeon loft-3");
        assertThat(audit("CONSOLE_ALERT_RULE_CREATE")).containsExactly("operator:operator1|REFUSED|", "operator:operator1|REFUSED|");
    }

    @Test
    void operatorEditsAndDisablesARule() {
        UpstreamStubs.server().stubFor(put(urlPathEqualTo("/api/v1/rules/7")).willReturn(json(200, CREATED)));
        ConsoleBrowser operator = ConsoleBrowser.login("operator1", PASSWORD);
        String form = operator.get("/console/alerts?edit=7").asString();
        assertThat(form).contains("action=\"/console/alerts/rules/7\"").contains("value=\"critical to pager\"")
                .contains("pagerduty platform-team\nsms +15551234567");
        String csrf = ConsoleBrowser.csrf(form);

        Response edit = operator.post("/console/alerts/rules/7", "name", "critical to pager", "priority", "5",
                "severities", "critical", "targets", "pagerduty platform-team", "stop_on_match", "true", "enabled", "true",
                "_csrf", csrf);
        Response disable = operator.post("/console/alerts/rules/7/disable", "_csrf", csrf);

        assertThat(edit.statusCode()).isEqualTo(303);
        assertThat(disable.statusCode()).isEqualTo(303);
        assertThat(disable.header("Location")).endsWith("done=disabled");
        UpstreamStubs.server().verify(1, putRequestedFor(urlPathEqualTo("/api/v1/rules/7"))
                .withRequestBody(matchingJsonPath("$.priority", equalTo("5"))).withRequestBody(matchingJsonPath("$.enabled", equalTo("true"))));
        UpstreamStubs.server().verify(1, putRequestedFor(urlPathEqualTo("/api/v1/rules/7"))
                .withRequestBody(matchingJsonPath("$.priority", equalTo("10")))
                .withRequestBody(matchingJsonPath("$.targets[1].channel", equalTo("sms")))
                .withRequestBody(matchingJsonPath("$.escalation[0].recipient", equalTo("ops@tripwire.invalid")))
                .withRequestBody(matchingJsonPath("$.enabled", equalTo("false"))));
        assertThat(audit("CONSOLE_ALERT_RULE_UPDATE")).containsExactly("operator:operator1|SUCCESS|");
        assertThat(audit("CONSOLE_ALERT_RULE_DISABLE")).containsExactly("operator:operator1|SUCCESS|");
    }

    @Test
    void operatorRetriesAPoisonedDeliveryWithAReason() {
        UpstreamStubs.server().stubFor(post(urlPathEqualTo("/api/v1/deliveries/41/retry")).willReturn(json(200,
                "{\"id\":41,\"status\":\"pending\",\"retry_count\":0}")));
        ConsoleBrowser operator = ConsoleBrowser.login("operator1", PASSWORD);
        String page = operator.get("/console/alerts").asString();
        assertThat(page).contains("action=\"/console/alerts/deliveries/41/retry\"");
        String csrf = ConsoleBrowser.csrf(page);

        Response short_ = operator.post("/console/alerts/deliveries/41/retry", "reason", "again", "_csrf", csrf);
        Response retried = operator.post("/console/alerts/deliveries/41/retry", "reason", "recipient fixed in SendGrid", "_csrf", csrf);

        assertThat(short_.statusCode()).isEqualTo(400);
        assertThat(short_.asString()).contains("Not retried. The reason must be 10 to 500 characters");
        assertThat(retried.statusCode()).isEqualTo(303);
        assertThat(retried.header("Location")).endsWith("done=retried");
        UpstreamStubs.server().verify(1, postRequestedFor(urlPathEqualTo("/api/v1/deliveries/41/retry"))
                .withRequestBody(matchingJsonPath("$.reason", equalTo("[console operator operator1] recipient fixed in SendGrid"))));
        assertThat(audit("CONSOLE_ALERT_RETRY")).containsExactly("operator:operator1|REFUSED|again",
                "operator:operator1|SUCCESS|recipient fixed in SendGrid");
    }

    @Test
    void aRetryTheRouterRefusesShowsItsStatus() {
        UpstreamStubs.server().stubFor(post(urlPathEqualTo("/api/v1/deliveries/41/retry")).willReturn(json(409,
                "{\"code\":\"STATE_CONFLICT\",\"message\":\"delivery 41 is delivered\",\"details\":{}}")));
        ConsoleBrowser operator = ConsoleBrowser.login("operator1", PASSWORD);

        Response answer = operator.post("/console/alerts/deliveries/41/retry", "reason", "recipient fixed in SendGrid",
                "_csrf", operator.csrfOf("/console/alerts"));

        assertThat(answer.statusCode()).isEqualTo(409);
        assertThat(answer.asString()).contains("Retry refused by the alert router: HTTP 409 STATE_CONFLICT: delivery 41 is delivered");
    }
}

package io.tripwire.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The gateway commands, in-process, against a WireMock stub of the gateway: what they send and print. */
class GatewayCommandsTest extends StubbedServiceTest {
    static final String TRIP_ANSWER = """
            {"changed": true, "confirmed": ["redis", "postgresql"],
             "breaker": {"state": "TRIPPED", "trip_reason": "MANUAL"}}""";
    static final String KILL_ANSWER = """
            {"changed": true, "confirmed": ["redis"], "cancel": {"requested": 2},
             "kill_switch": {"active": true, "mode": "HALT_ONLY"}}""";
    static final String WHOAMI_ANSWER = """
            {"principal": "key:abcd1234:bootstrap-admin", "scopes": ["keys:admin", "orders:read"],
             "service": "execution-gateway", "instance": "host-42"}""";

    @Test
    void whoamiPrintsPrincipalScopesAndInstance() {
        stub.stubFor(get("/api/v1/whoami").withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(okJson(WHOAMI_ANSWER)));

        CliRun run = run("whoami");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("principal: key:abcd1234:bootstrap-admin")
                .contains("scopes:    keys:admin orders:read")
                .contains("execution-gateway (instance host-42) at " + stubUrl());
    }

    @Test
    void breakerTripSendsTheReasonAcknowledgedAndPrintsTheNewState() {
        stub.stubFor(post("/api/v1/circuit-breaker/trip").willReturn(okJson(TRIP_ANSWER)));

        CliRun run = run("breaker", "trip", "--reason", "venue is sending garbage fills");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        stub.verify(1, postRequestedFor(urlEqualTo("/api/v1/circuit-breaker/trip"))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .withRequestBody(equalToJson("{\"reason\":\"venue is sending garbage fills\",\"acknowledged\":true}")));
        assertThat(run.out()).contains("circuit breaker TRIPPED - MANUAL (changed; confirmed by redis, postgresql)");
    }

    @Test
    void breakerResetWithYesAcknowledges() {
        stub.stubFor(post("/api/v1/circuit-breaker/reset").willReturn(okJson("""
                {"changed": true, "confirmed": ["redis", "postgresql"],
                 "breaker": {"state": "QUIET_PERIOD", "quiet_until": "2026-11-21T10:01:00Z"}}""")));

        CliRun run = run("breaker", "reset", "--reason", "fills verified against the venue", "--yes");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        stub.verify(postRequestedFor(urlEqualTo("/api/v1/circuit-breaker/reset")).withRequestBody(
                equalToJson("{\"reason\":\"fills verified against the venue\",\"acknowledged\":true}")));
        assertThat(run.out()).contains("QUIET_PERIOD, reduce-only until 2026-11-21T10:01:00Z");
    }

    @Test
    void killSwitchActivateSendsModeAndReason() {
        stub.stubFor(post("/api/v1/kill-switch").willReturn(okJson(KILL_ANSWER)));

        CliRun run = run("kill-switch", "activate", "--mode", "HALT_ONLY", "--reason", "API key compromise");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        stub.verify(postRequestedFor(urlEqualTo("/api/v1/kill-switch"))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .withRequestBody(equalToJson("{\"mode\":\"HALT_ONLY\",\"reason\":\"API key compromise\"}")));
        assertThat(run.out()).contains("kill switch ACTIVE HALT_ONLY (changed; confirmed by redis)")
                .contains("working orders asked to cancel: 2");
    }

    @Test
    void killSwitchDeactivateSendsTheReasonAsQueryParameter() {
        stub.stubFor(delete(urlPathEqualTo("/api/v1/kill-switch")).willReturn(okJson("""
                {"changed": true, "confirmed": ["redis", "postgresql"], "kill_switch": {"active": false}}""")));

        CliRun run = run("kill-switch", "deactivate", "--reason", "incident closed & keys rotated");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        stub.verify(deleteRequestedFor(urlPathEqualTo("/api/v1/kill-switch"))
                .withQueryParam("reason", equalTo("incident closed & keys rotated")));
        assertThat(run.out()).contains("kill switch inactive (changed");
    }

    @Test
    void statusPrintsTheGatewaysTableAsIs() {
        stub.stubFor(get("/api/v1/status").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/plain").withBody("BREAKER  OPEN\nKILL     inactive\n")));

        CliRun run = run("status");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo("BREAKER  OPEN\nKILL     inactive\n");
    }

    private CliRun run(String... command) {
        return runWith("--gateway-url", command);
    }

}

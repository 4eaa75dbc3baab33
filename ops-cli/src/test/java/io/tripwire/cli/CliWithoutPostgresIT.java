package io.tripwire.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.tripwire.controlplane.auth.ApiKeyToken;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, started exactly as scripts/tripwire starts it, with PostgreSQL AND Redis pointed at a
 * closed port: the emergency commands must still reach the (stubbed) gateway and succeed. Before the CLI
 * stopped booting Quarkus for every command, each of these died in Flyway's "Unable to obtain connection".
 */
class CliWithoutPostgresIT {

    private static WireMockServer gateway;
    private static Map<String, String> noStores;
    private static String closedUrl;

    @TempDir
    Path dir;
    private String keyFile;
    private String token;

    @BeforeAll
    static void start() throws Exception {
        gateway = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        gateway.start();
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        closedUrl = "http://127.0.0.1:" + closed;
        noStores = Map.of(
                "PG_URL", "postgresql://127.0.0.1:" + closed + "/tripwire",
                "PG_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + closed + "/tripwire",
                "QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:" + closed + "/tripwire",
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + closed + "/tripwire",
                "REDIS_URL", "redis://127.0.0.1:" + closed);
    }

    @AfterAll
    static void stop() {
        gateway.stop();
    }

    @BeforeEach
    void storeKey() throws Exception {
        gateway.resetAll();
        token = ApiKeyToken.generate().reveal();
        keyFile = dir.resolve("admin.key").toString();
        SecretFiles.write(Path.of(keyFile), token);
    }

    @Test
    void breakerTripReachesTheGatewayWithPostgresDown() throws Exception {
        gateway.stubFor(post("/api/v1/circuit-breaker/trip").willReturn(okJson(GatewayCommandsTest.TRIP_ANSWER)));

        CliProcess.Result run = cli("breaker", "trip", "--reason", "PostgreSQL outage drill: halt trading");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("circuit breaker TRIPPED");
        assertThat(run.err()).as(run.toString()).isEmpty();
        gateway.verify(1, postRequestedFor(urlEqualTo("/api/v1/circuit-breaker/trip"))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .withRequestBody(equalToJson("{\"reason\":\"PostgreSQL outage drill: halt trading\",\"acknowledged\":true}")));
    }

    @Test
    void killSwitchActivateReachesTheGatewayWithPostgresDown() throws Exception {
        gateway.stubFor(post("/api/v1/kill-switch").willReturn(okJson(GatewayCommandsTest.KILL_ANSWER)));

        CliProcess.Result run = cli("kill-switch", "activate", "--mode", "CLOSE_POSITIONS", "--reason", "DB outage drill");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("kill switch ACTIVE HALT_ONLY");
        gateway.verify(1, postRequestedFor(urlEqualTo("/api/v1/kill-switch"))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .withRequestBody(equalToJson("{\"mode\":\"CLOSE_POSITIONS\",\"reason\":\"DB outage drill\"}")));
    }

    @Test
    void whoamiAndStatusWorkWithPostgresDown() throws Exception {
        gateway.stubFor(get("/api/v1/whoami").willReturn(okJson(GatewayCommandsTest.WHOAMI_ANSWER)));
        gateway.stubFor(get("/api/v1/status").willReturn(com.github.tomakehurst.wiremock.client.WireMock.ok("BREAKER OPEN\n")));

        CliProcess.Result whoami = cli("whoami");
        CliProcess.Result status = cli("status");

        assertThat(whoami.exitCode()).as(whoami.toString()).isZero();
        assertThat(whoami.out()).contains("principal: key:abcd1234:bootstrap-admin");
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.out()).isEqualTo("BREAKER OPEN\n");
        gateway.verify(1, getRequestedFor(urlEqualTo("/api/v1/whoami")).withHeader("Authorization", equalTo("Bearer " + token)));
        gateway.verify(1, getRequestedFor(urlEqualTo("/api/v1/status")));
    }

    @Test
    void unreachableGatewayIsOneLineOnStderrAndExitFour() throws Exception {
        CliProcess.Result run = CliProcess.run(with(Map.of("CLI_GATEWAY_URL", closedUrl, "CLI_KEY_FILE", keyFile)),
                "breaker", "trip", "--reason", "drill: gateway and database both down");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.err().lines()).as(run.toString()).hasSize(1);
        assertThat(run.err()).startsWith("tripwire breaker trip: gateway " + closedUrl + " unreachable: Connection refused")
                .doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void missingKeyFileIsOneLineOnStderrAndExitOne() throws Exception {
        Path absent = dir.resolve("nowhere/admin.key");

        CliProcess.Result run = CliProcess.run(with(Map.of("CLI_GATEWAY_URL", url(), "CLI_KEY_FILE", absent.toString())),
                "kill-switch", "activate", "--mode", "HALT_ONLY", "--reason", "drill");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err().lines()).as(run.toString()).hasSize(1);
        assertThat(run.err()).contains("no API key in " + absent).doesNotContain("\tat ");
        assertThat(Files.exists(absent)).isFalse();
        assertThat(gateway.getAllServeEvents()).isEmpty();
    }

    /** The defaults come from the environment, as scripts/tripwire passes them. */
    private CliProcess.Result cli(String... args) throws Exception {
        return CliProcess.run(with(Map.of("CLI_GATEWAY_URL", url(), "CLI_KEY_FILE", keyFile)), args);
    }

    private static Map<String, String> with(Map<String, String> cli) {
        Map<String, String> env = new java.util.HashMap<>(noStores);
        env.putAll(cli);
        return env;
    }

    private static String url() {
        return "http://127.0.0.1:" + gateway.port();
    }
}

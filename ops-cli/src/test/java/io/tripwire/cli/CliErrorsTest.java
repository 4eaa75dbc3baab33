package io.tripwire.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.tripwire.controlplane.auth.ApiKeyToken;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a call can fail ends in ONE line on stderr and the documented exit code, never a stack trace. */
class CliErrorsTest {

    private static WireMockServer gateway;

    @TempDir
    Path dir;
    private String keyFile;

    @BeforeAll
    static void start() {
        gateway = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        gateway.start();
    }

    @AfterAll
    static void stop() {
        gateway.stop();
    }

    @BeforeEach
    void storeKey() throws Exception {
        gateway.resetAll();
        keyFile = dir.resolve("admin.key").toString();
        SecretFiles.write(Path.of(keyFile), ApiKeyToken.generate().reveal());
    }

    @Test
    void unreachableGatewayIsOneLineAndExitFourForEveryGatewayCommand() throws Exception {
        String closed = "http://127.0.0.1:" + closedPort();
        String[][] commands = {
            {"whoami"}, {"status"}, {"breaker", "trip", "--reason", "drill: gateway unreachable"},
            {"kill-switch", "activate", "--mode", "HALT_ONLY", "--reason", "drill"}};
        String[] names = {"tripwire whoami", "tripwire status", "tripwire breaker trip", "tripwire kill-switch activate"};
        for (int i = 0; i < commands.length; i++) {
            CliRun run = CliRun.of(with(commands[i], "--gateway-url", closed, "--key-file", keyFile));

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.UNREACHABLE);
            assertOneLine(run);
            assertThat(run.err()).startsWith(names[i] + ": gateway " + closed + " unreachable: Connection refused");
        }
    }

    @Test
    void missingKeyFileIsOneLineExitOneAndNothingIsSent() {
        CliRun run = CliRun.of("breaker", "trip", "--reason", "drill: missing key file here",
                "--gateway-url", url(), "--key-file", dir.resolve("absent.key").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertOneLine(run);
        assertThat(run.err()).contains("no API key in " + dir.resolve("absent.key")).contains("tripwire bootstrap");
        assertThat(gateway.getAllServeEvents()).isEmpty();
    }

    @Test
    void refusedKeyExitsThreeWithTheRejectCodeAndMessage() {
        gateway.stubFor(get("/api/v1/whoami").willReturn(reject(401, "UNAUTHENTICATED", "API key revoked")));

        CliRun run = CliRun.of("whoami", "--gateway-url", url(), "--key-file", keyFile);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertOneLine(run);
        assertThat(run.err()).contains("HTTP 401: UNAUTHENTICATED API key revoked").contains("tripwire bootstrap");
    }

    @Test
    void missingScopeExitsThree() {
        gateway.stubFor(post("/api/v1/circuit-breaker/trip").willReturn(reject(403, "FORBIDDEN", "lacks the scope")));

        CliRun run = CliRun.of("breaker", "trip", "--reason", "drill: a key without breaker:trip",
                "--gateway-url", url(), "--key-file", keyFile);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(run.err()).contains("HTTP 403: FORBIDDEN lacks the scope");
    }

    @Test
    void otherRefusalsExitOneWithCodeMessageAndRetryAfter() {
        gateway.stubFor(post("/api/v1/circuit-breaker/reset").willReturn(reject(429, "RATE_LIMITED", "one reset per minute")
                .withHeader("Retry-After", "42")));

        CliRun run = CliRun.of("breaker", "reset", "--yes", "--reason", "drill: second reset within a minute",
                "--gateway-url", url(), "--key-file", keyFile);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertOneLine(run);
        assertThat(run.err()).contains("HTTP 429: RATE_LIMITED one reset per minute, retry after 42 s");
    }

    @Test
    void aNonJsonErrorPageStillGivesOneLine() {
        gateway.stubFor(get("/api/v1/whoami").willReturn(aResponse().withStatus(502).withBody("<html>bad gateway</html>")));

        CliRun run = CliRun.of("whoami", "--gateway-url", url(), "--key-file", keyFile);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertOneLine(run);
        assertThat(run.err()).contains("gateway refused GET /api/v1/whoami (HTTP 502)");
    }

    @Test
    void aMalformedUrlIsAUsageErrorNotAStackTrace() {
        CliRun run = CliRun.of("whoami", "--gateway-url", "ftp://127.0.0.1:1", "--key-file", keyFile);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertOneLine(run);
    }

    static void assertOneLine(CliRun run) {
        assertThat(run.err().lines()).as(run.toString()).hasSize(1);
        assertThat(run.err()).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(run.out()).doesNotContain("\tat ");
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder reject(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"details\":{}}");
    }

    private static String[] with(String[] command, String... options) {
        String[] args = new String[command.length + options.length];
        System.arraycopy(command, 0, args, 0, command.length);
        System.arraycopy(options, 0, args, command.length, options.length);
        return args;
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String url() {
        return "http://127.0.0.1:" + gateway.port();
    }
}

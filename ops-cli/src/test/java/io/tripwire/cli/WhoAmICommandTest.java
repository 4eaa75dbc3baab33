package io.tripwire.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import io.tripwire.controlplane.auth.ApiKeyToken;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tripwire whoami} through the real REST client against a local HTTP stub of the gateway
 * (the smoke test runs it against the real services).
 */
@QuarkusMainTest
class WhoAmICommandTest {

    private static WireMockServer gateway;

    @TempDir
    Path dir;
    private Path keyFile;
    private String token;

    @BeforeAll
    static void startGateway() {
        gateway = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        gateway.start();
    }

    @AfterAll
    static void stopGateway() {
        gateway.stop();
    }

    @BeforeEach
    void storeKey() throws Exception {
        gateway.resetAll();
        keyFile = dir.resolve("admin.key");
        token = ApiKeyToken.generate().reveal();
        SecretFiles.write(keyFile, token);
    }

    @Test
    void printsPrincipalAndScopesOfTheStoredKey(QuarkusMainLauncher launcher) {
        gateway.stubFor(get("/api/v1/whoami").withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(okJson("""
                        {"principal": "key:abcd1234:bootstrap-admin", "scopes": ["keys:admin", "orders:read"],
                         "service": "execution-gateway", "instance": "host-42"}""")));

        LaunchResult result = whoami(launcher, gatewayUrl());

        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        assertThat(result.getOutput())
                .contains("principal: key:abcd1234:bootstrap-admin")
                .contains("scopes:    keys:admin orders:read")
                .contains("execution-gateway (instance host-42)");
    }

    @Test
    void refusedKeyExitsThreeWithTheRejectReason(QuarkusMainLauncher launcher) {
        gateway.stubFor(get("/api/v1/whoami").willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\":\"UNAUTHENTICATED\",\"message\":\"API key revoked\",\"details\":{}}")));

        LaunchResult result = whoami(launcher, gatewayUrl());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(result.getErrorOutput()).contains("HTTP 401: UNAUTHENTICATED API key revoked")
                .contains("tripwire bootstrap");
    }

    @Test
    void otherErrorStatusExitsOne(QuarkusMainLauncher launcher) {
        gateway.stubFor(get("/api/v1/whoami").willReturn(aResponse().withStatus(503).withBody("down")));

        LaunchResult result = whoami(launcher, gatewayUrl());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.getErrorOutput()).contains("answered HTTP 503");
    }

    @Test
    void unreachableGatewayExitsFour(QuarkusMainLauncher launcher) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        LaunchResult result = whoami(launcher, "http://127.0.0.1:" + closedPort);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(result.getErrorOutput()).contains("cannot reach").containsIgnoringCase("connection refused");
    }

    @Test
    void missingKeyFileExitsOneAndSaysHowToGetAKey(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("whoami", "--key-file", dir.resolve("absent.key").toString(),
                "--gateway-url", gatewayUrl());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.getErrorOutput()).contains("no API key in").contains("tripwire bootstrap");
        assertThat(gateway.getAllServeEvents()).isEmpty();
    }

    private LaunchResult whoami(QuarkusMainLauncher launcher, String url) {
        return launcher.launch("whoami", "--key-file", keyFile.toString(), "--gateway-url", url);
    }

    private static String gatewayUrl() {
        return "http://127.0.0.1:" + gateway.port();
    }
}

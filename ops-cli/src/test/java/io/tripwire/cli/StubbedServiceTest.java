package io.tripwire.cli;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.tripwire.controlplane.auth.ApiKeyToken;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CLI command run in-process against a WireMock stub of the one service it calls, with a fresh API key in an
 * owner-only file: what every command test of the CLI starts from.
 */
abstract class StubbedServiceTest {

    static WireMockServer stub;

    @TempDir
    Path dir;
    String keyFile;
    String token;

    @BeforeAll
    static void startStub() {
        stub = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        stub.start();
    }

    @AfterAll
    static void stopStub() {
        stub.stop();
    }

    @BeforeEach
    void storeKey() throws Exception {
        stub.resetAll();
        token = ApiKeyToken.generate().reveal();
        keyFile = dir.resolve("admin.key").toString();
        SecretFiles.write(Path.of(keyFile), token);
    }

    static String stubUrl() {
        return "http://127.0.0.1:" + stub.port();
    }

    /** Runs {@code command} with {@code urlOption} pointing at the stub and the key file. */
    CliRun runWith(String urlOption, String... command) {
        return CliRun.of(Stream.concat(Arrays.stream(command), Stream.of(urlOption, stubUrl(), "--key-file", keyFile))
                .toArray(String[]::new));
    }
}

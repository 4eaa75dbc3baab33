package io.tripwire.healthmonitor.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.net.ServerSocket;

/** A monitored "service" on a fixed loopback port: WireMock answering /q/health/ready and /live with UP. Stoppable. */
public final class FakeService {

    public static final String NAME = "fake-service";
    private static final String UP = "{\"status\":\"UP\",\"checks\":[{\"name\":\"Redis connection health check\",\"status\":\"UP\"}]}";

    private static int port;
    private static WireMockServer server;

    private FakeService() {
    }

    static synchronized int choosePort() {
        if (port == 0) {
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return port;
    }

    /** Starts it (on the same port every time) unless it is running. */
    public static synchronized void start() {
        if (server != null && server.isRunning()) {
            return;
        }
        server = new WireMockServer(options().port(choosePort()).bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(get(urlPathEqualTo("/q/health/ready")).willReturn(json(200, UP)));
        server.stubFor(get(urlPathEqualTo("/q/health/live")).willReturn(json(200, UP)));
    }

    /** Stops it, as a crashed service: connections are refused from now on. */
    public static synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    public static synchronized WireMockServer server() {
        return server;
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }
}

package io.tripwire.console.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * One WireMock server standing in for the execution gateway, the health monitor and the alert router (their
 * paths do not overlap). The console calls it with the key {@link #SERVICE_KEY}.
 */
public class UpstreamStubs implements QuarkusTestResourceLifecycleManager {

    public static final String SERVICE_KEY = "twk_console1_0123456789abcdef0123456789abcdef";
    private static WireMockServer server;

    public static WireMockServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        String url = "http://127.0.0.1:" + server.port();
        return Map.of("console.gateway-url", url, "console.health-monitor-url", url, "console.alert-router-url", url,
                "console.api-key", SERVICE_KEY);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}

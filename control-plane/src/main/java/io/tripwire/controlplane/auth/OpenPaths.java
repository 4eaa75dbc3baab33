package io.tripwire.controlplane.auth;

import io.tripwire.controlplane.config.ControlPlaneConfig;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Paths served without an API key: health probes and metrics (DESIGN.md §9), plus any prefix the
 * service authenticates itself ({@code tripwire.auth.self-authenticated-paths}).
 */
@Singleton
public class OpenPaths {

    private final List<String> selfAuthenticated;

    public OpenPaths(ControlPlaneConfig config) {
        this.selfAuthenticated = config.auth().selfAuthenticatedPaths().orElse(List.of());
    }

    public boolean isOpen(String path) {
        if (path.equals("/q/health") || path.startsWith("/q/health/")
                || path.equals("/q/metrics") || path.startsWith("/q/metrics/")) {
            return true;
        }
        return selfAuthenticated.stream().anyMatch(prefix -> path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/"));
    }
}

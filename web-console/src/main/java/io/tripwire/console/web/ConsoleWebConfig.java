package io.tripwire.console.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of the operator pages (login, sessions, the service key the console calls the gateway and
 * the health monitor with). The upstream URLs and the refresh interval are in {@code ConsoleConfig}.
 */
@ConfigMapping(prefix = "console")
public interface ConsoleWebConfig {

    /**
     * File holding the console's own service API key ({@code twk_…}, scopes {@code orders:read},
     * {@code breaker:trip}, {@code breaker:reset}, {@code killswitch}). Read on every call, so a key
     * written after start (make run's bootstrap) or rotated is picked up. Default none.
     */
    Optional<Path> apiKeyFile();

    /** The service API key itself ({@code CONSOLE_API_KEY}); used when {@link #apiKeyFile()} is unset. Default none. */
    Optional<String> apiKey();

    /** Timeout of one call to the gateway or the health monitor. Default 5 s. */
    @WithDefault("5s")
    Duration upstreamTimeout();

    /** Operator sessions. */
    Session session();

    /** Operator logins. */
    Login login();

    interface Login {
        /** Failed logins of one username within {@link #lockout()} after which it is locked out, right password or not. Default 5. */
        @WithDefault("5")
        int maxFailures();

        /** How long failures are counted and a locked-out username stays refused (from its first failure). Default 15 min. */
        @WithDefault("15m")
        Duration lockout();
    }

    interface Session {
        /** A session unused for this long ends (sliding). Default 30 min. */
        @WithDefault("30m")
        Duration idleTimeout();

        /** A session ends this long after login, used or not. Default 8 h. */
        @WithDefault("8h")
        Duration maxLifetime();

        /**
         * Whether the session cookie carries {@code Secure} (sent over HTTPS only). Default false, because
         * the local stack serves plain HTTP on 127.0.0.1; set true behind TLS.
         */
        @WithDefault("false")
        boolean cookieSecure();
    }
}

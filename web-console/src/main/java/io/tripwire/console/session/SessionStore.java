package io.tripwire.console.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.tripwire.console.web.ConsoleWebConfig;
import io.tripwire.controlplane.auth.OperatorService.Role;
import io.tripwire.controlplane.keys.RedisKeys;
import io.tripwire.controlplane.state.StateCodec;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Server-side sessions in Redis: {@code console:session:{sha256(id)}} holds the session as JSON with a
 * TTL, so every console replica sees the same sessions and a logout ends it everywhere. Expiry is decided
 * here with the injected clock (idle timeout, sliding, capped by the max lifetime); the Redis TTL only
 * cleans up.
 */
@ApplicationScoped
public class SessionStore {

    /** The stored form. */
    record Stored(String username, String role, String csrf, Instant createdAt, Instant expiresAt) {
    }

    private final ValueCommands<String, String> values;
    private final RedisKeys keys;
    private final ConsoleWebConfig.Session config;
    private final Clock clock;

    public SessionStore(RedisDataSource redis, RedisKeys keys, ConsoleWebConfig config, Clock clock) {
        this.values = redis.value(String.class);
        this.keys = keys;
        this.config = config.session();
        this.clock = clock;
    }

    /** Starts a session; returns its id (for the cookie only: never stored, never logged). */
    public String create(String username, Role role) {
        String id = Tokens.random();
        Instant now = clock.instant();
        Instant maxEnd = now.plus(config.maxLifetime());
        Instant expires = min(now.plus(config.idleTimeout()), maxEnd);
        write(id, new Stored(username, role.name(), Tokens.random(), now, expires));
        return id;
    }

    /** The live session of this id, its idle expiry pushed forward; empty when unknown or expired. */
    public Optional<ConsoleSession> touch(String id) {
        if (id == null || id.isBlank() || id.length() > 100) {
            return Optional.empty();
        }
        String json = values.get(key(id));
        if (json == null) {
            return Optional.empty();
        }
        Stored stored = decode(json);
        if (stored == null) {
            delete(id);
            return Optional.empty();
        }
        Instant now = clock.instant();
        Instant maxEnd = stored.createdAt().plus(config.maxLifetime());
        if (!now.isBefore(stored.expiresAt()) || !now.isBefore(maxEnd)) {
            delete(id);
            return Optional.empty();
        }
        Stored renewed = new Stored(stored.username(), stored.role(), stored.csrf(), stored.createdAt(),
                min(now.plus(config.idleTimeout()), maxEnd));
        write(id, renewed);
        return Optional.of(toSession(renewed));
    }

    public void delete(String id) {
        if (id != null && !id.isBlank()) {
            values.getdel(key(id));
        }
    }

    private void write(String id, Stored stored) {
        Duration ttl = Duration.between(clock.instant(), stored.expiresAt());
        values.set(key(id), StateCodec.encode(stored), new SetArgs().px(Math.max(1000, ttl.toMillis())));
    }

    private String key(String id) {
        return keys.consoleSession(Tokens.sha256(id));
    }

    private static Stored decode(String json) {
        try {
            return StateCodec.mapper().readValue(json, Stored.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static ConsoleSession toSession(Stored s) {
        return new ConsoleSession(s.username(), Role.valueOf(s.role()), s.csrf(), s.createdAt(), s.expiresAt());
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}

package io.tripwire.console.session;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.tripwire.console.web.ConsoleWebConfig;
import io.tripwire.controlplane.keys.RedisKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;

/**
 * Password guessing on the console login: failures are counted per username in Redis (shared by every replica)
 * for {@code console.login.lockout} from the first one; at {@code console.login.max-failures} the username is
 * refused, right password or not, until the window ends. A good login clears the count. If Redis cannot be
 * read the login fails with it (sessions live there too): never an unthrottled login.
 */
@ApplicationScoped
public class LoginThrottle {

    private final ValueCommands<String, Long> counters;
    private final KeyCommands<String> keyCommands;
    private final RedisKeys keys;
    private final ConsoleWebConfig.Login config;

    public LoginThrottle(RedisDataSource redis, RedisKeys keys, ConsoleWebConfig config) {
        this.counters = redis.value(Long.class);
        this.keyCommands = redis.key();
        this.keys = keys;
        this.config = config.login();
    }

    /** How long this username stays locked out, or empty when it may try. */
    public Optional<Duration> lockedFor(String username) {
        String key = keys.consoleLoginFailures(username);
        Long failures = counters.get(key);
        if (failures == null || failures < config.maxFailures()) {
            return Optional.empty();
        }
        long ttl = keyCommands.pttl(key);
        return Optional.of(ttl > 0 ? Duration.ofMillis(ttl) : config.lockout());
    }

    public void failed(String username) {
        String key = keys.consoleLoginFailures(username);
        // The window starts with the key (NX + PX), so the count can never outlive it; INCR keeps the TTL.
        counters.set(key, 0L, new SetArgs().nx().px(config.lockout()));
        counters.incr(key);
    }

    public void succeeded(String username) {
        keyCommands.del(keys.consoleLoginFailures(username));
    }
}

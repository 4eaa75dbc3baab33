package io.tripwire.console.upstream;

import io.tripwire.console.web.ConsoleWebConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The console's own service API key for the gateway and the health monitor: {@code console.api-key-file}
 * (read on every call, so a key bootstrapped after start or rotated is used at once), else
 * {@code console.api-key}. Never logged, never shown.
 */
@ApplicationScoped
public class ServiceKey {

    private final Optional<Path> file;
    private final Optional<String> inline;

    public ServiceKey(ConsoleWebConfig config) {
        this.file = config.apiKeyFile();
        this.inline = config.apiKey().map(String::trim).filter(k -> !k.isEmpty());
    }

    /** The key, or empty when none is configured or the file is missing or unreadable. */
    public Optional<String> current() {
        if (file.isPresent()) {
            try {
                String key = Files.readString(file.get()).trim();
                return key.isEmpty() ? Optional.empty() : Optional.of(key);
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return inline;
    }

    /** Where the key should come from, for messages. */
    public String source() {
        return file.map(p -> "key file " + p).orElse(inline.isPresent() ? "console.api-key" : "no key configured (console.api-key-file)");
    }
}

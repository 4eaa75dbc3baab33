package io.tripwire.gateway.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Reads Redis DB 1 with {@code redis-cli}, straight from the server: around any relay the gateway goes through. */
public final class RedisCli {

    private RedisCli() {
    }

    /** The string value of a key, or {@code null} when it does not exist. */
    public static String get(String key) {
        try {
            Process p = new ProcessBuilder("redis-cli", "-u", PaperVenueResource.REDIS_URL, "--raw", "GET", key)
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("redis-cli failed: " + out);
            }
            return out.isEmpty() ? null : out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package io.tripwire.alert.it;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** redis-cli driven from a process-level test (no Quarkus in the test JVM): commands piped on stdin. */
final class Redis {

    private Redis() {
    }

    /** XADD commands in the AlertPublisher's format: WARNING alerts with unique dedup keys and tagged summaries. */
    static List<String> xadds(int n) {
        List<String> commands = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String tag = String.format("kill9-alert-%04d", i);
            commands.add("XADD alerts:stream * severity WARNING source it summary " + tag + " details {} dedup_key "
                    + tag + " status firing created_at " + Instant.now());
        }
        return commands;
    }

    static long pending(String url) throws IOException, InterruptedException {
        String out = output(url, List.of("XPENDING alerts:stream alert-router"));
        String first = out.strip().split("\\R")[0].trim();
        return first.chars().allMatch(Character::isDigit) && !first.isEmpty() ? Long.parseLong(first) : -1;
    }

    static void run(String url, List<String> commands) throws IOException, InterruptedException {
        output(url, commands);
    }

    private static String output(String url, List<String> commands) throws IOException, InterruptedException {
        URI uri = URI.create(url);
        String db = uri.getPath() == null || uri.getPath().length() <= 1 ? "0" : uri.getPath().substring(1);
        Process p = new ProcessBuilder("redis-cli", "-h", uri.getHost(), "-p", Integer.toString(uri.getPort()), "-n", db)
                .redirectErrorStream(true).start();
        try (Writer in = new java.io.OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
            for (String command : commands) {
                in.write(command);
                in.write('\n');
            }
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("redis-cli failed: " + out);
        }
        return out;
    }
}

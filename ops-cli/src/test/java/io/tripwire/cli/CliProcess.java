package io.tripwire.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged CLI ({@code quarkus-run.jar}) run as a real process with the JVM flags scripts/tripwire gives it
 * (cli_jvm_opts in scripts/lib.sh, without the AOT cache a build has not trained yet).
 */
public final class CliProcess {

    private CliProcess() {
    }

    /** A run's exit code, output and how long the process took. */
    public record Result(int exitCode, String out, String err, Duration took) {

        @Override
        public String toString() {
            return "exit " + exitCode + " after " + took.toMillis() + " ms\n--- out:\n" + out + "--- err:\n" + err;
        }
    }

    public static Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("service.jar", "target/quarkus-app/quarkus-run.jar"));
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-jar", jar.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("CLI_"));
        builder.environment().putAll(env);
        Path out = Files.createTempFile("tripwire-cli", ".out");
        Path err = Files.createTempFile("tripwire-cli", ".err");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                Path.of("/dev/null").toFile()));
        try {
            Instant start = Instant.now();
            Process process = builder.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("CLI did not exit within 120 s: " + command);
            }
            Duration took = Duration.between(start, Instant.now());
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), took);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}

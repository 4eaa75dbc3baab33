package io.tripwire.reconciler.desk;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/** Files a run leaves: {@code <runs-dir>/<run_id>/run_summary.md} (+ the ticket), reconciliation reports. Written on a worker thread. */
@ApplicationScoped
public class RunFiles {

    private final DeskConfig config;

    public RunFiles(DeskConfig config) {
        this.config = config;
    }

    public Path summaryPath(String runId) {
        return Path.of(config.runsDir(), runId, "run_summary.md").toAbsolutePath();
    }

    public Path reportPath(String runId) {
        return Path.of(config.reportsDir(), "reconciliation_" + runId + ".md").toAbsolutePath();
    }

    /** Writes the files (name → text) of a run into its folder, each atomically (temp file, then move). */
    public Uni<Void> writeRun(String runId, Map<String, String> files) {
        Map<Path, String> out = new LinkedHashMap<>();
        files.forEach((name, text) -> out.put(summaryPath(runId).resolveSibling(name), text));
        return write(out);
    }

    public Uni<Void> write(Map<Path, String> files) {
        return Uni.createFrom().item(() -> {
            files.forEach(RunFiles::atomically);
            return (Void) null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static void atomically(Path target, String text) {
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".tmp-", ".part");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}

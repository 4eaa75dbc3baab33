package io.tripwire.cli.keys;

import com.fasterxml.jackson.databind.JsonNode;
import io.tripwire.cli.ExitCodes;
import io.tripwire.cli.http.ApiClient;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tripwire keys list}: every key as a table, newest first; never a secret. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists API keys (newest first): prefix, name, "
        + "state (live, grace = rotated but still valid, expired, revoked), scopes, expiry, creator, replacement.")
public class KeysList implements Callable<Integer> {

    private static final String[] HEADER = {"PREFIX", "NAME", "STATE", "SCOPES", "EXPIRES", "CREATED BY", "REPLACED BY"};

    @Spec
    CommandSpec spec;

    @Mixin
    ConsoleOptions console;

    @Option(names = "--live", description = "only keys that still authenticate (live or in grace)")
    boolean liveOnly;

    @Override
    public Integer call() {
        Instant now = Instant.now();
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (JsonNode node : console.client().get(KeysCommand.KEYS)) {
            KeyView key = ApiClient.read(node, KeyView.class);
            String state = key.state(now);
            if (!liveOnly || state.equals("live") || state.equals("grace")) {
                rows.add(new String[] {key.prefix(), key.name(), state, String.join(",", key.scopes()),
                    key.expiresAt() == null ? "-" : Instant.parse(key.expiresAt()).truncatedTo(ChronoUnit.SECONDS).toString(),
                    key.createdBy(), key.replacedBy() == null ? "-" : key.replacedBy()});
            }
        }
        print(rows, spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    private static void print(List<String[]> rows, PrintWriter out) {
        int[] width = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], String.valueOf(row[i]).length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? String.valueOf(row[i]) : String.format("%-" + (width[i] + 2) + "s", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
        out.printf("%d key(s)%n", rows.size() - 1);
        out.flush();
    }
}

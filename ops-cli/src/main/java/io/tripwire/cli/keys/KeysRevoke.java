package io.tripwire.cli.keys;

import com.fasterxml.jackson.databind.JsonNode;
import io.tripwire.cli.CliFailure;
import io.tripwire.cli.ExitCodes;
import io.tripwire.cli.http.Texts;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tripwire keys revoke PREFIX | --all-of NAME, --reason …}: immediate and irreversible. */
@Command(name = "revoke", mixinStandardHelpOptions = true, description = {
    "Revokes a key at once, on every replica within a second; the key it replaced, if still in its",
    "rotation grace, is revoked too. --all-of NAME revokes every live key of that holder instead."})
public class KeysRevoke implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConsoleOptions console;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PREFIX", description = "the 8-character prefix of the key")
    String prefix;

    @Option(names = "--all-of", paramLabel = "NAME", description = "revoke every live key named NAME (instead of PREFIX)")
    String allOf;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "why (10-500 characters; audited)")
    String reason;

    @Override
    public Integer call() {
        if ((prefix == null) == (allOf == null)) {
            throw new CliFailure(ExitCodes.USAGE, "give either a key PREFIX or --all-of NAME");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (allOf != null) {
            JsonNode answer = console.client().post(KeysCommand.KEYS + "/revoke-all", Map.of("name", allOf, "reason", reason));
            out.printf("revoked every live key named '%s': %s (%d)%n", allOf, Texts.join(answer.path("revokedPrefixes"), ", "),
                    answer.path("revokedPrefixes").size());
        } else {
            String path = KeysCommand.KEYS + "/" + KeysCommand.checkedPrefix(prefix) + "/revoke";
            JsonNode answer = console.client().post(path, Map.of("reason", reason));
            out.printf("revoked %s%n", prefix);
            for (JsonNode other : answer.path("revokedPrefixes")) {
                if (!other.asText().equals(prefix)) {
                    out.printf("revoked %s too: it was replaced by a revoked key and still in its grace%n", other.asText());
                }
            }
        }
        out.println("refused on every replica within 1 s");
        out.flush();
        return ExitCodes.OK;
    }
}

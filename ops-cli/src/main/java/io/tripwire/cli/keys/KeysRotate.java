package io.tripwire.cli.keys;

import com.fasterxml.jackson.databind.JsonNode;
import io.tripwire.cli.ExitCodes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tripwire keys rotate PREFIX [--no-grace]}: a new key with the same name and scopes. */
@Command(name = "rotate", mixinStandardHelpOptions = true, description = {
    "Issues a new key with the same name, scopes and lifetime. The old key keeps working for 24 h,",
    "or is refused at once with --no-grace (a compromised key). The new secret is shown once."})
public class KeysRotate implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConsoleOptions console;

    @Parameters(index = "0", paramLabel = "PREFIX", description = "the 8-character prefix of the key to rotate (twk_PREFIX_...)")
    String prefix;

    @Option(names = "--no-grace", description = "refuse the old key immediately, on every replica within a second")
    boolean noGrace;

    @Option(names = "--out", paramLabel = "FILE", description = "write the new secret to FILE (mode 600) instead of printing it")
    Path out;

    @Override
    public Integer call() {
        String path = KeysCommand.KEYS + "/" + KeysCommand.checkedPrefix(prefix) + "/rotate" + (noGrace ? "?grace=false" : "");
        JsonNode answer = console.client().post(path, Map.of());
        PrintWriter print = spec.commandLine().getOut();
        NewKey.show(answer, out, print);
        if (answer.path("replacedRevoked").asBoolean()) {
            print.printf("old key %s: revoked now (no grace)%n", answer.path("replaced").asText());
        } else {
            print.printf("old key %s: keeps working until %s, then refused%n", answer.path("replaced").asText(),
                    answer.path("replacedValidUntil").asText());
        }
        print.flush();
        return ExitCodes.OK;
    }
}

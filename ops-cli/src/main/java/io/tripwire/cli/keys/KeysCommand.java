package io.tripwire.cli.keys;

import io.tripwire.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tripwire keys list|create|rotate|revoke}: API keys, through the web console's {@code /api/v1/admin/keys}. */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = {"List, create, rotate and revoke API keys (web console /api/v1/admin/keys, scope keys:admin).",
            "Compromised key: `keys rotate PREFIX --no-grace`, or `keys revoke PREFIX` (also ends the grace of the key",
            "it replaced), or `keys revoke --all-of NAME` (every live key of that holder)."},
        subcommands = {KeysList.class, KeysCreate.class, KeysRotate.class, KeysRevoke.class})
public class KeysCommand implements Callable<Integer> {

    /** Key admin paths of the web console. */
    static final String KEYS = "/api/v1/admin/keys";

    @Spec
    CommandSpec spec;

    /** A key prefix as the console expects it; refused here so it never lands in a URL path unchecked. */
    static String checkedPrefix(String prefix) {
        if (prefix == null || !prefix.matches("[a-z0-9]{8}")) {
            throw new io.tripwire.cli.CliFailure(ExitCodes.USAGE,
                    "'" + prefix + "' is not a key prefix (8 characters a-z0-9, as in twk_PREFIX_...)");
        }
        return prefix;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}

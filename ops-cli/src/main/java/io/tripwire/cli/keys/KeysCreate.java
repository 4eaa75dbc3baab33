package io.tripwire.cli.keys;

import io.tripwire.cli.ExitCodes;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tripwire keys create --name … --scope …}: issues a key; its secret is shown once. */
@Command(name = "create", mixinStandardHelpOptions = true, description = "Issues an API key. The name is its holder "
        + "(a person, strategy or service; `keys revoke --all-of NAME` revokes all of them). The secret is shown once.")
public class KeysCreate implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConsoleOptions console;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "holder of the key (3-64 characters)")
    String name;

    @Option(names = "--scope", required = true, split = ",", paramLabel = "SCOPE",
            description = "scope(s), repeatable or comma separated: orders:read, orders:write, breaker:trip, "
                    + "breaker:reset, killswitch, alerts:admin, config:write, keys:admin, audit:read, artifacts:approve")
    List<String> scopes;

    @Option(names = "--ttl-days", paramLabel = "DAYS", description = "lifetime in days, 1-365 (default: the console's, 90)")
    Integer ttlDays;

    @Option(names = "--out", paramLabel = "FILE", description = "write the secret to FILE (mode 600) instead of printing it")
    Path out;

    @Override
    public Integer call() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("scopes", scopes);
        if (ttlDays != null) {
            body.put("ttlDays", ttlDays);
        }
        NewKey.show(console.client().post(KeysCommand.KEYS, body), out, spec.commandLine().getOut());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}

package io.tripwire.cli;

import io.tripwire.cli.artifacts.ArtifactsCommand;
import io.tripwire.cli.bootstrap.BootstrapCommand;
import io.tripwire.cli.breaker.BreakerCommand;
import io.tripwire.cli.keys.KeysCommand;
import io.tripwire.cli.killswitch.KillSwitchCommand;
import io.tripwire.cli.status.StatusCommand;
import io.tripwire.cli.whoami.WhoAmICommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tripwire}: the operator CLI behind the Makefile targets. */
@Command(name = "tripwire", mixinStandardHelpOptions = true, version = "tripwire 0.1.0",
        description = "Operate a Tripwire trading-operations control plane.",
        subcommands = {BootstrapCommand.class, WhoAmICommand.class, StatusCommand.class, BreakerCommand.class,
            KillSwitchCommand.class, KeysCommand.class, ArtifactsCommand.class,
            io.tripwire.cli.artifacts.BacktestCommand.class, io.tripwire.cli.migrate.MigrateCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:failure (the message says what)",
            "2:usage error",
            "3:API key refused by the service (401/403)",
            "4:service unreachable"})
public class TripwireCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** No subcommand given: show what there is rather than doing nothing silently. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}

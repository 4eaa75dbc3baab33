package io.tripwire.cli.status;

import io.tripwire.cli.ExitCodes;
import io.tripwire.cli.gateway.GatewayOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tripwire status}: positions, open orders, P&L, breaker, kill switch and reconciliation, as a table. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows positions, open orders, P&L, breaker, kill switch and reconciliation (GET /api/v1/status).")
public class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GatewayOptions gateway;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(gateway.client().getText("/api/v1/status"));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
